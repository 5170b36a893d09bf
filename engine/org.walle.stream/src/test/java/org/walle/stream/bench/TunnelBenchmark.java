package org.walle.stream.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.walle.stream.event.EcommerceGenerator;
import org.walle.stream.event.Event;
import org.walle.stream.event.EventJson;
import org.walle.stream.tunnel.ReceiverStore;
import org.walle.stream.tunnel.TunnelOptions;
import org.walle.stream.tunnel.TunnelReceiver;
import org.walle.stream.tunnel.TunnelSender;
import org.walle.stream.tunnel.TunnelTls;

/**
 * Tunnel delivery latency of a 30 KB payload over loopback TLS 1.3 (send to durable acknowledgement, one message
 * at a time) and pipelined throughput. Payloads are 30 KB of real event JSON (compressible) and 30 KB of random
 * bytes (not). Not a unit test: see docs/benchmarks.md for the command.
 */
public final class TunnelBenchmark {
    private static final int SIZE = 30 * 1024;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dir = Files.createTempDirectory("walle-tunnel-bench");
        SSLContext[] tls = TunnelTls.development(dir.resolve("certs"), "bench".toCharArray());
        byte[] json = jsonPayload();
        byte[] random = new byte[SIZE];
        new java.util.Random(1).nextBytes(random);
        System.out.println("| payload | p50 ms | p99 ms | max ms | throughput msg/s | throughput MB/s |");
        System.out.println("|---|---|---|---|---|---|");
        try (ReceiverStore store = ReceiverStore.open(dir.resolve("rx"));
                TunnelReceiver receiver = new TunnelReceiver(store, tls[0], 0).start();
                TunnelSender sender = new TunnelSender("localhost", receiver.port(), tls[1], "bench-device",
                        TunnelOptions.builder().lingerMillis(0).build()).start()) {
            for (Object[] kind : new Object[][] {{"30 KB event JSON", json}, {"30 KB random bytes", random}}) {
                byte[] payload = (byte[]) kind[1];
                latency(sender, payload, 50); // warm-up: JIT, TLS session, file growth
                double[] ms = latency(sender, payload, rounds);
                double perSecond = throughput(sender, payload, rounds * 3);
                System.out.printf("| %s | %.2f | %.2f | %.2f | %.0f | %.1f |%n", kind[0], ms[rounds / 2],
                        ms[(int) (rounds * 0.99)], ms[rounds - 1], perSecond, perSecond * SIZE / 1e6);
            }
            System.out.printf("stored %d messages, %d duplicates dropped%n", store.count(),
                    store.duplicatesDropped());
        }
    }

    private static byte[] jsonPayload() {
        StringBuilder sb = new StringBuilder();
        for (Event e : new EcommerceGenerator(5).generate(100)) {
            if (sb.length() + 200 > SIZE) {
                break;
            }
            sb.append(EventJson.toJson(e)).append('\n');
        }
        while (sb.length() < SIZE) {
            sb.append(' ');
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.UTF_8), SIZE);
    }

    /** Sorted send-to-acknowledgement times in milliseconds. */
    private static double[] latency(TunnelSender sender, byte[] payload, int rounds) throws Exception {
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            long seq = sender.send(payload);
            if (!sender.awaitAcked(seq, 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no ack: " + sender.lastError());
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double throughput(TunnelSender sender, byte[] payload, int count) throws Exception {
        long t0 = System.nanoTime();
        long last = 0;
        for (int i = 0; i < count; i++) {
            last = sender.send(payload);
        }
        if (!sender.awaitAcked(last, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no ack: " + sender.lastError());
        }
        return count / ((System.nanoTime() - t0) / 1e9);
    }
}
