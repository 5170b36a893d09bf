package org.walle.cli.stream;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.walle.stream.event.EcommerceGenerator;
import org.walle.stream.event.EventJson;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code walle stream gen}: writes a seeded synthetic e-commerce event stream as JSON Lines. */
@Command(name = "gen", description = "Generate a seeded synthetic e-commerce behaviour stream (JSON Lines).")
public final class StreamGenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sessions", defaultValue = "10", description = "Number of user sessions (default ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same stream.")
    long seed;

    @Option(names = "--out", description = "Output file (default: standard output).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (sessions < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sessions must be >= 0, got " + sessions);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (out == null) {
            write(spec.commandLine().getOut(), null);
            spec.commandLine().getOut().flush();
        } else {
            try (BufferedWriter file = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                long n = write(file, err);
                err.println("wrote " + n + " events of " + sessions + " sessions to " + out);
            }
        }
        return 0;
    }

    /** Streams events to {@code target}; progress goes to {@code progress} every 100 000 events when given. */
    private long write(Writer target, PrintWriter progress) {
        long[] count = {0};
        return new EcommerceGenerator(seed).generate(sessions, e -> {
            try {
                target.write(EventJson.toJson(e));
                target.write('\n');
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
            if (progress != null && ++count[0] % 100_000 == 0) {
                progress.println("... " + count[0] + " events");
            }
        });
    }
}
