package org.walle.cli.perf;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.walle.engine.graph.Graph;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.ProfileExport;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.Tensor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code walle profile model.onnx --trace out.json}: per-command time, FLOPs and GFLOP/s, exported for Perfetto. */
@Command(name = "profile", description = {"Profile a model: per-command wall time on its backend, FLOPs, achieved",
    "GFLOP/s and algorithm; writes a Chrome-trace JSON (opens in Perfetto) and/or CSV."})
public final class ProfileCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineRunOptions engine;

    @Option(names = "--trace", paramLabel = "FILE.json", description = "write a Chrome-trace JSON")
    Path trace;

    @Option(names = "--csv", paramLabel = "FILE.csv", description = "write a CSV (the studio loads it back)")
    Path csv;

    @Option(names = "--runs", defaultValue = "5", description = "profiled runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed runs first (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--top", defaultValue = "15", description = "slowest commands to list (default ${DEFAULT-VALUE})")
    int top;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Graph graph = engine.graph();
        Map<String, Tensor> feeds = engine.feeds(graph);
        try (Session session = new Session(graph, engine.sessionOptions())) {
            out.println("profiling " + engine.model.getFileName() + ": " + warmup + " warm-up and " + runs
                    + " timed runs...");
            Profile p = session.profile(feeds, warmup, runs);
            out.printf("backend %s, median run %.2f ms over %d commands%n", p.backend(), p.medianRunNanos() / 1e6,
                    p.ops().size());
            out.printf("%-5s %-36s %-13s %-9s %-26s %10s %9s%n", "#", "node", "op", "backend", "algorithm", "ms",
                    "GFLOP/s");
            for (Profile.OpTiming t : p.slowest(top)) {
                out.printf("%-5d %-36s %-13s %-9s %-26s %10.3f %9.2f%n", t.command(), clip(t.node(), 36), t.op(),
                        t.backend(), clip(t.algorithm(), 26), t.medianNanos() / 1e6, t.gflops());
            }
            write(trace, w -> ProfileExport.writeChromeTrace(p, w), out);
            write(csv, w -> ProfileExport.writeCsv(p, w), out);
        }
    }

    private interface Export {
        void to(Writer w) throws IOException;
    }

    private static void write(Path file, Export export, PrintWriter out) {
        if (file == null) {
            return;
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                export.to(w);
            }
            out.println("wrote " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String clip(String s, int width) {
        return s.length() <= width ? s : "…" + s.substring(s.length() - width + 1);
    }
}
