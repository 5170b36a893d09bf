package org.walle.cli.stream;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.walle.stream.tunnel.ReceiverStore;
import org.walle.stream.tunnel.StoredMessage;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code walle stream messages}: queries a receiver store (counts per device, or one device's messages). */
@Command(name = "messages", description = "Query a tunnel receiver store: devices and counts, or a device's messages.")
public final class StreamMessagesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "Receiver store folder.")
    Path store;

    @Option(names = "--device", description = "Print this device's messages (as UTF-8 text).")
    String device;

    @Option(names = "--from", defaultValue = "0", description = "Skip this many messages.")
    int from;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many messages.")
    int limit;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(store.resolve("messages.log"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no receiver store at " + store);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ReceiverStore rx = ReceiverStore.open(store)) {
            if (device == null) {
                out.println(rx.count() + " messages from " + rx.devices().size() + " devices");
                for (String d : rx.devices()) {
                    out.println("  " + d + ": " + rx.count(d));
                }
            } else {
                for (StoredMessage m : rx.messages(device, from, limit)) {
                    out.println("#" + m.sequence() + " " + new String(m.payload(), StandardCharsets.UTF_8));
                }
            }
        }
        return 0;
    }
}
