package org.walle.cli.stream;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.walle.stream.tunnel.ReceiverStore;
import org.walle.stream.tunnel.TunnelReceiver;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code walle stream receive}: hosts a tunnel receiver on 127.0.0.1 until stopped (or for a set time). */
@Command(name = "receive", description = "Run a tunnel receiver that stores what devices send (Ctrl-C stops it).")
public final class StreamReceiveCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "Receiver store folder.")
    Path store;

    @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1 (0 = any free one, printed).")
    int port;

    @Option(names = "--seconds", defaultValue = "0", description = "Stop after this many seconds (0 = run until killed).")
    long seconds;

    @Mixin
    TunnelCommandSupport tls;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ReceiverStore rx = ReceiverStore.open(store);
                TunnelReceiver receiver = new TunnelReceiver(rx, tls.server(), port).start()) {
            out.println("receiving on 127.0.0.1:" + receiver.port() + ", storing in " + store);
            out.flush();
            long end = seconds > 0 ? System.currentTimeMillis() + seconds * 1000 : Long.MAX_VALUE;
            long reported = -1;
            while (System.currentTimeMillis() < end) {
                Thread.sleep(Math.min(1000, Math.max(1, end - System.currentTimeMillis())));
                if (rx.count() != reported) {
                    reported = rx.count();
                    out.println("... " + reported + " messages stored, " + rx.duplicatesDropped()
                            + " duplicates dropped");
                    out.flush();
                }
            }
        }
        return 0;
    }
}
