package org.walle.device;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.walle.device.internal.SimDevice;

/**
 * N emulated devices in one JVM against one deployment server. Each device has its own identity (id
 * {@code <prefix>-00042}), profile (from the mix), folder, trigger engine, state and behaviour stream; they share
 * code and machinery only (one {@link DeviceRuntime}: one HTTP client for every push connection, one task
 * executor, one uplink). Behaviour streams are driven at {@code eventsPerSecond} per device by a few driver
 * threads; a task runs on the driver thread that fed its trigger.
 */
public final class Fleet implements AutoCloseable {
    /**
     * @param eventsPerSecond behaviour events per device per second
     * @param drivers         threads feeding events
     * @param workers         threads for pulls, installs and reports
     */
    public record Options(int devices, ProfileMix mix, URI server, String enrollmentToken, Path workDir,
            String idPrefix, double eventsPerSecond, long seed, int drivers, int workers, int maxFailures) {
        public Options {
            if (devices < 1) {
                throw new IllegalArgumentException("devices must be >= 1, got " + devices);
            }
            if (!(eventsPerSecond >= 0) || eventsPerSecond > 1000) {
                throw new IllegalArgumentException("eventsPerSecond must be in 0..1000 per device, got "
                        + eventsPerSecond);
            }
            if (drivers < 1 || workers < 1) {
                throw new IllegalArgumentException("drivers and workers must be >= 1");
            }
            if (idPrefix == null || !idPrefix.matches("[A-Za-z0-9._-]{1,40}")) {
                throw new IllegalArgumentException("idPrefix must be 1-40 of A-Z a-z 0-9 . _ -, got '" + idPrefix + "'");
            }
        }

        public static Options of(int devices, URI server, String enrollmentToken, Path workDir) {
            return new Options(devices, ProfileMix.builtIn(), server, enrollmentToken, workDir, "dev", 1.0, 42,
                    Math.max(1, Runtime.getRuntime().availableProcessors()), 8, 3);
        }

        public Options withMix(ProfileMix m) {
            return new Options(devices, m, server, enrollmentToken, workDir, idPrefix, eventsPerSecond, seed, drivers,
                    workers, maxFailures);
        }

        public Options withRate(double perDevice) {
            return new Options(devices, mix, server, enrollmentToken, workDir, idPrefix, perDevice, seed, drivers,
                    workers, maxFailures);
        }
    }

    private final Options options;
    private final DeviceRuntime runtime;
    private final FleetStats stats;
    private final SimDevice[] devices;
    private final ExecutorService driverPool;
    private final long startNanos = System.nanoTime();

    public Fleet(Options o, TaskExecutor executor, OutputUplink uplink, DeviceListener listener) {
        this.options = o;
        this.stats = new FleetStats(listener);
        this.runtime = new DeviceRuntime(o.server(), o.enrollmentToken(), executor, uplink, stats, o.maxFailures(),
                o.workers());
        List<DeviceProfile> profiles = o.mix().assign(o.devices());
        this.devices = new SimDevice[o.devices()];
        int width = Math.max(5, String.valueOf(o.devices()).length());
        for (int i = 0; i < o.devices(); i++) {
            String id = o.idPrefix() + "-" + String.format("%0" + width + "d", i);
            DeviceAgent a = new DeviceAgent(id, profiles.get(i), runtime, o.workDir().resolve(id));
            devices[i] = new SimDevice(a, o.seed() * 1_000_003L + i);
        }
        this.driverPool = Executors.newFixedThreadPool(o.drivers(), r -> {
            Thread t = new Thread(r, "fleet-driver");
            t.setDaemon(true);
            return t;
        });
    }

    public Options options() {
        return options;
    }

    public FleetStats stats() {
        return stats;
    }

    public DeviceRuntime runtime() {
        return runtime;
    }

    public List<DeviceAgent> agents() {
        List<DeviceAgent> out = new ArrayList<>(devices.length);
        for (SimDevice d : devices) {
            out.add(d.agent());
        }
        return out;
    }

    /** Registers every device ({@code parallel} at a time); progress gets a line every 10 %. */
    public void registerAll(int parallel, Consumer<String> progress) throws InterruptedException {
        forAll(parallel, "registered", progress, d -> {
            d.agent().register();
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Opens every push connection, at most {@code parallel} handshakes in flight. */
    public void connectAll(int parallel, Consumer<String> progress) throws InterruptedException {
        forAll(parallel, "connected", progress, d -> d.agent().connect());
    }

    private void forAll(int parallel, String verb, Consumer<String> progress,
            java.util.function.Function<SimDevice, CompletableFuture<Void>> op) throws InterruptedException {
        Semaphore window = new Semaphore(Math.max(1, parallel));
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, 16)));
        int step = Math.max(1, devices.length / 10);
        try {
            for (SimDevice d : devices) {
                window.acquire();
                pool.execute(() -> {
                    CompletableFuture<Void> f;
                    try {
                        f = op.apply(d);
                    } catch (RuntimeException e) {
                        f = CompletableFuture.failedFuture(e);
                    }
                    f.whenComplete((v, t) -> {
                        if (t != null) {
                            failed.incrementAndGet();
                            stats.onProblem(d.agent().deviceId(), verb + ": " + t.getMessage());
                        }
                        int n = done.incrementAndGet();
                        if (progress != null && (n % step == 0 || n == devices.length)) {
                            progress.accept(verb + " " + n + "/" + devices.length + (failed.get() > 0 ? " ("
                                    + failed.get() + " failed)" : ""));
                        }
                        window.release();
                    });
                });
            }
            window.acquire(Math.max(1, parallel)); // all done
            window.release(Math.max(1, parallel));
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** Feeds exactly {@code n} events to every device (deterministic; tests use it). Returns events fed. */
    public long step(int n) throws InterruptedException {
        return onAllDevices(d -> {
            for (int i = 0; i < n; i++) {
                d.emitOne();
            }
            return n;
        });
    }

    /**
     * Drives behaviour streams at the configured rate for {@code duration}, reconnecting dropped push connections;
     * {@code live} gets a snapshot every {@code everyMillis}.
     */
    public FleetSnapshot runFor(Duration duration, long everyMillis, Consumer<FleetSnapshot> live)
            throws InterruptedException {
        long t0 = System.nanoTime();
        long end = t0 + duration.toNanos();
        long nextReport = t0 + TimeUnit.MILLISECONDS.toNanos(everyMillis);
        long nextReconnect = t0 + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            onAllDevices(d -> d.catchUp(seconds, options.eventsPerSecond()));
            long now = System.nanoTime();
            if (now >= nextReconnect) {
                for (SimDevice d : devices) {
                    d.agent().ensureConnected();
                }
                nextReconnect = now + TimeUnit.SECONDS.toNanos(5);
            }
            if (live != null && now >= nextReport) {
                live.accept(snapshot());
                nextReport = now + TimeUnit.MILLISECONDS.toNanos(everyMillis);
            }
            Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
        }
        FleetSnapshot last = snapshot();
        if (live != null) {
            live.accept(last);
        }
        return last;
    }

    private long onAllDevices(java.util.function.ToIntFunction<SimDevice> work) throws InterruptedException {
        int k = options.drivers();
        List<Future<Long>> parts = new ArrayList<>();
        for (int p = 0; p < k; p++) {
            int from = (int) ((long) devices.length * p / k);
            int to = (int) ((long) devices.length * (p + 1) / k);
            parts.add(driverPool.submit(() -> {
                long n = 0;
                for (int i = from; i < to; i++) {
                    n += work.applyAsInt(devices[i]);
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> f : parts) {
            try {
                total += f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("fleet driver failed: " + e.getCause(), e.getCause());
            }
        }
        return total;
    }

    /** Coverage, connections and counters now. */
    public FleetSnapshot snapshot() {
        Map<String, Integer> coverage = new TreeMap<>();
        int connected = 0;
        for (SimDevice d : devices) {
            if (d.agent().isConnected()) {
                connected++;
            }
            d.agent().versions().forEach((t, v) -> coverage.merge(t + "@" + v, 1, Integer::sum));
        }
        FleetStats s = stats;
        return new FleetSnapshot((System.nanoTime() - startNanos) / 1e9, devices.length, (int) s.registered.sum(),
                connected, coverage, s.events(), s.fired(), s.runs(), s.runErrors(), s.outputs.sum(), s.installs(),
                s.installFailures(), s.rollbacks(), s.problems(), s.runLatency.quantileMillis(0.5),
                s.runLatency.quantileMillis(0.95), s.installLatency.quantileMillis(0.5),
                s.installLatency.quantileMillis(0.95));
    }

    /** Waits until pulls, installs and reports queued so far are done. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        return runtime.awaitIdle(timeoutMillis);
    }

    @Override
    public void close() throws Exception {
        driverPool.shutdownNow();
        for (SimDevice d : devices) {
            d.agent().close();
        }
        runtime.close();
    }

    /** Writes the fleet's device folders' root (for reports). */
    public Path workDir() throws IOException {
        return options.workDir();
    }
}
