package org.walle.deploy.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.walle.deploy.client.DeviceClient;
import org.walle.deploy.client.MgmtClient;
import org.walle.deploy.client.Notice;
import org.walle.deploy.model.DeviceAttributes;
import org.walle.deploy.model.ReportStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Push-then-pull against polling, same run, loopback. N light devices ({@link DeviceClient}s on one shared JDK
 * HttpClient) register with a server in a child JVM. Phase 1: all hold WebSockets, release A starts, each notice
 * triggers pull + verify + report. Phase 2: sockets closed, each device polls every {@code interval} s from a
 * random phase, release B starts. For each phase: time until the first / 50% / 99% / 100% of devices run the new
 * version (pulled + verified), server CPU seconds (/proc of the child) and bytes the server sent, measured from the
 * release start until 99%.
 * <p>Run: see docs/benchmarks.md ("Deployment server"). Arguments: devices (10000), poll interval s (60),
 * pull threads (32).
 */
public final class PushPullBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CLK_TCK = 100;

    private final Process server;
    private final BufferedReader serverOut;
    private final BufferedWriter serverIn;
    private final long pid;

    private PushPullBenchmark(Process server) {
        this.server = server;
        this.serverOut = new BufferedReader(new InputStreamReader(server.getInputStream()));
        this.serverIn = new BufferedWriter(new OutputStreamWriter(server.getOutputStream()));
        this.pid = server.pid();
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int interval = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int pullThreads = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Path work = Files.createTempDirectory("walle-bench");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), BenchServer.class.getName(), work.resolve("server").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        PushPullBenchmark b = new PushPullBenchmark(p);
        try {
            b.run(work, n, interval, pullThreads);
        } finally {
            b.serverIn.write("quit\n");
            b.serverIn.flush();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private String line(String prefix) throws Exception {
        for (String l; (l = serverOut.readLine()) != null;) {
            if (l.startsWith(prefix + " ")) {
                return l.substring(prefix.length() + 1);
            }
        }
        throw new IllegalStateException("server exited before printing " + prefix);
    }

    /** [connected, pushFrames, pushBytes, bytesSent, cpuTicks]. */
    private long[] stats() throws Exception {
        serverIn.write("stats\n");
        serverIn.flush();
        long[] s = Arrays.stream(line("STATS").split(" ")).mapToLong(Long::parseLong).toArray();
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll("^.*\\) ", "").split(" ");
        long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        return new long[] {s[0], s[1], s[2], s[3], ticks};
    }

    private void run(Path work, int n, int interval, int pullThreads) throws Exception {
        URI url = URI.create(line("URL"));
        MgmtClient m = new MgmtClient(url, line("TOKEN"));
        m.createTask("bench", "bench");
        JsonNode[] releases = new JsonNode[2];
        for (int v = 0; v < 2; v++) {
            Path src = Files.createDirectories(work.resolve("src" + v));
            Files.writeString(src.resolve("main.py"), "# release " + v + "\nprint('detect')\n");
            byte[] model = new byte[4096];
            new Random(v).nextBytes(model);
            Files.write(src.resolve("model.bin"), model);
            m.pushVersion("bench", "v" + v, null, src);
            releases[v] = m.createRelease("bench", "v" + v);
        }
        System.out.printf("bundle size %d bytes%n", releases[0].get("size").asLong());
        long policy = m.createPolicy("all", JSON.readTree("{\"all\":[]}")).get("id").asLong();
        String enroll = m.issueToken("device", "bench-fleet").get("token").asText();

        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        List<DeviceClient> devices = new ArrayList<>();
        ExecutorService reg = Executors.newFixedThreadPool(16);
        long t = System.nanoTime();
        List<java.util.concurrent.Future<DeviceClient>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "bench-" + i;
            fs.add(reg.submit(() -> DeviceClient.register(http, url, enroll, id,
                    new DeviceAttributes("1.0", "android", "13", "m", "mid", "eu", null, false))));
        }
        for (int i = 0; i < n; i++) {
            devices.add(fs.get(i).get());
            if ((i + 1) % 2000 == 0) {
                System.out.printf("registered %d devices (%.1f s)%n", i + 1, (System.nanoTime() - t) / 1e9);
            }
        }
        reg.shutdown();

        // phase 1: push-then-pull
        ExecutorService pulls = Executors.newFixedThreadPool(pullThreads);
        long[] done = new long[n];
        AtomicInteger finished = new AtomicInteger();
        long[] t0 = new long[1];
        java.util.concurrent.atomic.AtomicLong firstNotice = new java.util.concurrent.atomic.AtomicLong();
        t = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<Void>> conns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            DeviceClient d = devices.get(i);
            conns.add(d.connect(notice -> {
                if (notice.releaseId() == releases[0].get("id").asLong()) {
                    if (firstNotice.compareAndSet(0, System.nanoTime())) {
                        System.out.printf("first notice received %.3f s after start%n", (firstNotice.get() - t0[0]) / 1e9);
                    }
                    pulls.submit(() -> install(d, notice, work, k, done, finished, t0[0]));
                }
            }));
            if (conns.size() % 500 == 0) {
                java.util.concurrent.CompletableFuture.allOf(conns.toArray(new java.util.concurrent.CompletableFuture[0]))
                        .get(120, TimeUnit.SECONDS);
            }
        }
        java.util.concurrent.CompletableFuture.allOf(conns.toArray(new java.util.concurrent.CompletableFuture[0]))
                .get(300, TimeUnit.SECONDS);
        long[] s;
        while ((s = stats())[0] < n) {
            Thread.sleep(100);
        }
        System.out.printf("%d WebSockets connected (%.1f s)%n", s[0], (System.nanoTime() - t) / 1e9);
        long rolloutA = m.createRollout(releases[0].get("id").asLong(), policy,
                JSON.readTree("[{\"kind\":\"FULL\"}]"), null).get("id").asLong();
        long[] before = stats();
        t0[0] = System.nanoTime();
        m.verb(rolloutA, "start", null);
        System.out.printf("start verb returned after %.3f s (assignments committed, notices queued)%n",
                (System.nanoTime() - t0[0]) / 1e9);
        Result push = await("push-then-pull", n, done, finished, t0[0], before, 300);
        for (DeviceClient d : devices) {
            d.disconnect();
        }

        // phase 2: polling
        long[] doneB = new long[n];
        AtomicInteger finishedB = new AtomicInteger();
        long rolloutB = m.createRollout(releases[1].get("id").asLong(), policy,
                JSON.readTree("[{\"kind\":\"FULL\"}]"), null).get("id").asLong();
        ScheduledExecutorService pollers = Executors.newScheduledThreadPool(16);
        Random rnd = new Random(1);
        long[] beforeB = stats();
        long t0b = System.nanoTime();
        m.verb(rolloutB, "start", null);
        for (int i = 0; i < n; i++) {
            int k = i;
            DeviceClient d = devices.get(i);
            pollers.scheduleAtFixedRate(() -> {
                if (doneB[k] != 0) {
                    return;
                }
                try {
                    for (Notice notice : d.poll()) {
                        if (notice.releaseId() == releases[1].get("id").asLong()) {
                            install(d, notice, work, k, doneB, finishedB, t0b);
                        }
                    }
                } catch (RuntimeException e) {
                    System.err.println("poll failed: " + e.getMessage());
                }
            }, rnd.nextInt(interval * 1000), interval * 1000L, TimeUnit.MILLISECONDS);
        }
        Result poll = await("polling every " + interval + " s", n, doneB, finishedB, t0b, beforeB, interval * 3 + 60);
        pollers.shutdownNow();
        pulls.shutdownNow();
        System.out.println();
        System.out.println("| mode | devices | first device | 50% | 99% | 100% | server CPU s (start->99%) | bytes sent (start->99%) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.out.println(push.row(n));
        System.out.println(poll.row(n));
        System.out.printf("push frames sent in phase 1: %d (%d payload bytes)%n", push.pushFrames, push.pushBytes);
    }

    private static void install(DeviceClient d, Notice notice, Path work, int k, long[] done, AtomicInteger finished,
            long t0) {
        try {
            long s = System.nanoTime();
            d.pull(notice, work.resolve("dev").resolve(Integer.toString(k % 512)).resolve(Integer.toString(k)));
            synchronized (done) {
                if (done[k] == 0) {
                    done[k] = System.nanoTime() - t0;
                    finished.incrementAndGet();
                }
            }
            d.report(notice.releaseId(), ReportStatus.INSTALLED, (System.nanoTime() - s) / 1_000_000, null);
        } catch (Exception e) {
            System.err.println(d.deviceId() + ": " + e);
        }
    }

    private record Result(String mode, long first, long p50, long p99, long all, double cpu, long bytes, long pushFrames,
            long pushBytes) {
        String row(int n) {
            return String.format("| %s | %d | %.3f s | %.2f s | %.2f s | %s | %.1f | %.2f MB |", mode, n, first / 1e9,
                    p50 / 1e9, p99 / 1e9, all < 0 ? "not reached" : String.format("%.2f s", all / 1e9), cpu,
                    bytes / 1e6);
        }
    }

    private Result await(String mode, int n, long[] done, AtomicInteger finished, long t0, long[] before, int maxSeconds)
            throws Exception {
        int p99 = (int) Math.ceil(n * 0.99);
        long deadline = t0 + TimeUnit.SECONDS.toNanos(maxSeconds);
        long[] at99 = null;
        int lastPrinted = 0;
        while (System.nanoTime() < deadline && finished.get() < n) {
            Thread.sleep(50);
            if (at99 == null && finished.get() >= p99) {
                at99 = stats();
            }
            int f = finished.get();
            if (f / Math.max(1, n / 10) != lastPrinted) {
                lastPrinted = f / Math.max(1, n / 10);
                System.out.printf("%s: %d/%d devices on the new version after %.1f s%n", mode, f, n,
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        if (at99 == null) {
            at99 = stats();
        }
        long[] sorted;
        synchronized (done) {
            sorted = Arrays.stream(done).filter(x -> x > 0).sorted().toArray();
        }
        long first = sorted.length > 0 ? sorted[0] : -1;
        long p50 = sorted.length >= n / 2 ? sorted[n / 2 - 1] : -1;
        long q99 = sorted.length >= p99 ? sorted[p99 - 1] : -1;
        long all = sorted.length == n ? sorted[n - 1] : -1;
        double cpu = (at99[4] - before[4]) / (double) CLK_TCK;
        return new Result(mode, first, p50, q99, all, cpu, at99[3] - before[3], at99[1] - before[1], at99[2] - before[2]);
    }
}
