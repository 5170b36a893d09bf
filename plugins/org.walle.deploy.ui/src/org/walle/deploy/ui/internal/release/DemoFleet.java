package org.walle.deploy.ui.internal.release;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import org.walle.device.Fleet;
import org.walle.device.FleetSnapshot;
import org.walle.device.OutputUplink;
import org.walle.device.ProfileMix;
import org.walle.device.PythonTaskExecutor;

/**
 * An emulated fleet in the studio's JVM against a server, for demos: the devices register (with the built-in
 * low/mid/high profile mix), hold push connections, install what they are assigned, run it on their behaviour
 * streams and report, so a rollout's charts move. Runs until {@link #close()}.
 */
public final class DemoFleet implements AutoCloseable {
    /** Devices are driven this long at most; a forgotten demo does not run for ever. */
    private static final Duration MAX_RUN = Duration.ofHours(1);
    private final Fleet fleet;
    private final PythonTaskExecutor python;
    private final Path home;
    private volatile boolean closed;

    private DemoFleet(Fleet fleet, PythonTaskExecutor python, Path home) {
        this.fleet = fleet;
        this.python = python;
        this.home = home;
    }

    /**
     * Creates {@code devices} devices, registers and connects them (progress lines go to {@code progress}); then
     * {@link #run} drives them.
     */
    public static DemoFleet start(URI server, String enrollmentToken, int devices, Consumer<String> progress)
            throws IOException, InterruptedException {
        if (devices < 1 || devices > 10_000) {
            throw new IllegalArgumentException("a demo fleet has 1..10000 devices, got " + devices);
        }
        Path home = Files.createTempDirectory("walle-demo-fleet");
        PythonTaskExecutor python = new PythonTaskExecutor(home.resolve("vm-cache"), 2);
        // id prefix from the clock: a second demo fleet registers new devices instead of taking over the first's
        String prefix = "demo" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        Fleet.Options o = new Fleet.Options(devices, ProfileMix.builtIn(), server, enrollmentToken,
                home.resolve("devices"), prefix, 0.5, 42, Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                4, 3);
        Fleet fleet = new Fleet(o, python, OutputUplink.NONE, null);
        DemoFleet demo = new DemoFleet(fleet, python, home);
        try {
            fleet.registerAll(16, progress);
            fleet.connectAll(100, progress);
        } catch (RuntimeException | InterruptedException e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    /** Drives the devices until closed (call from a job thread); {@code live} gets a snapshot every second. */
    public void run(Consumer<FleetSnapshot> live) throws InterruptedException {
        if (!closed) {
            fleet.runFor(MAX_RUN, 1000, s -> {
                if (closed) {
                    throw new StopDriving();
                }
                live.accept(s);
            });
        }
    }

    public FleetSnapshot snapshot() {
        return fleet.snapshot();
    }

    public int devices() {
        return fleet.options().devices();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Thrown from the snapshot callback to leave {@link Fleet#runFor} when the demo is closed. */
    public static final class StopDriving extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopDriving() {
            super("demo fleet closed", null, false, false);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            fleet.close();
        } catch (Exception e) {
            // closing sockets of a demo: nothing to recover, the devices are gone either way
        }
        python.close();
        deleteQuietly(home);
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the OS cleans it eventually
        }
    }
}
