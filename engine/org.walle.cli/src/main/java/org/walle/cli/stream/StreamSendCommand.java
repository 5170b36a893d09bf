package org.walle.cli.stream;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.walle.stream.event.EventJson;
import org.walle.stream.event.EventJsonLines;
import org.walle.stream.tunnel.TunnelOptions;
import org.walle.stream.tunnel.TunnelSender;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code walle stream send}: ships an event file through the TLS tunnel and waits for every acknowledgement. */
@Command(name = "send", description = "Send a JSON Lines event file through the TLS tunnel (one message per event).")
public final class StreamSendCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EVENTS", description = "Events as JSON Lines.")
    Path events;

    @Option(names = "--host", defaultValue = "localhost", description = "Receiver host (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", required = true, description = "Receiver port.")
    int port;

    @Option(names = "--device", defaultValue = "cli-device", description = "Device id (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for all acknowledgements.")
    long timeoutSeconds;

    @Mixin
    TunnelCommandSupport tls;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        try (TunnelSender sender = new TunnelSender(host, port, tls.client(), device, TunnelOptions.defaults())
                .start(); BufferedReader in = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            long[] last = {0};
            long count = EventJsonLines.read(in, events.toString(), e -> {
                try {
                    last[0] = sender.send(EventJson.toJson(e).getBytes(StandardCharsets.UTF_8));
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while sending", x);
                }
                if (last[0] % 10_000 == 0) {
                    err.println("... " + last[0] + " queued, " + sender.ackedUpTo() + " acknowledged");
                }
            });
            if (!sender.awaitAcked(last[0], timeoutSeconds, TimeUnit.SECONDS)) {
                err.println("walle: only " + sender.ackedUpTo() + " of " + count + " events acknowledged after "
                        + timeoutSeconds + " s" + (sender.lastError() == null ? "" : "; " + sender.lastError()));
                return 2;
            }
            out.printf("sent %d events as device %s (stream %s), all acknowledged in %.0f ms%n", count, device,
                    sender.streamId(), (System.nanoTime() - start) / 1e6);
        }
        return 0;
    }
}
