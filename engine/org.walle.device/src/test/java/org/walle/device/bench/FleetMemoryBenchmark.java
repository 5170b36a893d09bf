package org.walle.device.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.walle.deploy.client.MgmtClient;
import org.walle.device.Fleet;
import org.walle.device.FleetSnapshot;
import org.walle.device.ProfileMix;
import org.walle.device.PythonTaskExecutor;
import org.walle.device.OutputUplink;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Memory per emulated device. Starts a deployment server in a child JVM, releases a task (a trigger that matches
 * rarely) to every device, then in this JVM builds fleets of the given sizes: registers, connects, installs and
 * drives behaviour for a while, and prints retained heap per device (after GC), RSS, threads and timings.
 * <pre>
 * java -Xmx16g -cp CLASSPATH org.walle.device.bench.FleetMemoryBenchmark 1000,10000 [seconds] [rate]
 * </pre>
 */
public final class FleetMemoryBenchmark {
    public static void main(String[] args) throws Exception {
        String[] sizes = (args.length > 0 ? args[0] : "1000").split(",");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        Path work = Files.createTempDirectory("walle-fleet-bench");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx4g", "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(),
                work.resolve("server").toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String[] hello = new BufferedReader(new InputStreamReader(server.getInputStream())).readLine().split(" ");
            URI url = URI.create(hello[1]);
            release(new MgmtClient(url, hello[5]), work);
            System.out.printf("%8s %10s %10s %12s %10s %8s %9s %9s %8s%n", "devices", "register_s", "connect_s",
                    "heap/dev_KiB", "heap_MiB", "rss_MiB", "threads", "installs", "events");
            for (String s : sizes) {
                measure(Integer.parseInt(s.trim()), url, hello[3], work.resolve("fleet-" + s.trim()), seconds, rate);
            }
        } finally {
            server.getOutputStream().close();
            server.waitFor();
        }
    }

    /** A task whose trigger (three purchases in one minute) almost never fires: the fleet idles like real phones. */
    static void release(MgmtClient mgmt, Path work) throws Exception {
        Path task = Files.createDirectories(work.resolve("task"));
        Files.writeString(task.resolve("task.json"), "{\"id\":\"bench\",\"version\":\"1.0\",\"triggers\":[{\"name\":"
                + "\"rare\",\"sequence\":[\"purchase\",\"purchase\",\"purchase\"],\"window_ms\":60000}]}");
        Files.writeString(task.resolve("main.py"), "from walle import output\noutput.emit('x', 1)\n");
        mgmt.createTask("bench", "benchmark task");
        mgmt.pushVersion("bench", "1.0", null, task);
        ObjectMapper json = new ObjectMapper();
        long release = mgmt.createRelease("bench", "1.0").get("id").asLong();
        long policy = mgmt.createPolicy("all", json.readTree("{\"percent\": 100}")).get("id").asLong();
        long rollout = mgmt.createRollout(release, policy, json.readTree("[{\"kind\":\"FULL\"}]"), null).get("id")
                .asLong();
        mgmt.verb(rollout, "start", null);
    }

    static void measure(int n, URI url, String token, Path dir, int seconds, double rate) throws Exception {
        long base = usedAfterGc();
        List<Object> keep = new ArrayList<>();
        long t0 = System.nanoTime();
        try (PythonTaskExecutor python = new PythonTaskExecutor(dir.resolve("vm"), 1);
                Fleet fleet = new Fleet(new Fleet.Options(n, ProfileMix.builtIn(), url, token, dir.resolve("devices"),
                        "b" + n, rate, 1, 2, 8, 3), python, OutputUplink.NONE, null)) {
            fleet.registerAll(16, null);
            double reg = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            fleet.connectAll(500, null);
            while (fleet.snapshot().coverage("bench", "1.0") < n && System.nanoTime() - t1 < 600e9) {
                Thread.sleep(200);
            }
            fleet.awaitIdle(600_000);
            double con = (System.nanoTime() - t1) / 1e9;
            FleetSnapshot last = fleet.runFor(Duration.ofSeconds(seconds), 5_000, s -> System.err.println(s.line()));
            keep.add(fleet);
            long used = usedAfterGc();
            System.out.printf("%8d %10.1f %10.1f %12.1f %10d %8d %9d %9d %8d%n", n, reg, con,
                    (used - base) / 1024.0 / n, used >> 20, rssMiB(), Thread.activeCount(), last.installs(),
                    last.events());
        }
        keep.clear();
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long rssMiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
