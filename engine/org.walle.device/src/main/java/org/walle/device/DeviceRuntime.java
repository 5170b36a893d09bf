package org.walle.device;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The machinery devices share: one HTTP client (its selector thread carries every device's push WebSocket), one
 * task executor, one uplink, a small pool for blocking work (pull, install, report) and the parsed code of each
 * bundle (immutable, by content hash). Nothing per-device lives here. One per single device or per fleet.
 */
public final class DeviceRuntime implements AutoCloseable {
    private final URI server;
    private final String enrollmentToken;
    private final HttpClient http;
    private final TaskExecutor executor;
    private final OutputUplink uplink;
    private final DeviceListener listener;
    private final ExecutorService background;
    private final int maxFailures;
    private final Map<String, TaskBundle> code = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong pending = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param server          deployment server URL, or null for an offline device (tasks installed by hand)
     * @param enrollmentToken a token with role device, used only to register
     * @param maxFailures     consecutive failed runs (or installs) of a version after which the device gives up on
     *                        it and returns to its last good version
     * @param workers         threads for pulls, installs and reports
     */
    public DeviceRuntime(URI server, String enrollmentToken, TaskExecutor executor, OutputUplink uplink,
            DeviceListener listener, int maxFailures, int workers) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be >= 1, got " + maxFailures);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        this.server = server;
        this.enrollmentToken = enrollmentToken;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        this.executor = executor;
        this.uplink = uplink == null ? OutputUplink.NONE : uplink;
        this.listener = listener == null ? DeviceListener.NONE : listener;
        this.maxFailures = maxFailures;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "device-worker");
                    t.setDaemon(true);
                    return t;
                });
        this.background = pool;
    }

    public URI server() {
        return server;
    }

    String enrollmentToken() {
        return enrollmentToken;
    }

    public HttpClient http() {
        return http;
    }

    public TaskExecutor executor() {
        return executor;
    }

    public OutputUplink uplink() {
        return uplink;
    }

    public DeviceListener listener() {
        return listener;
    }

    /** Runs blocking work (pull, install, report) on the shared pool. */
    void submit(Runnable work) {
        pending.incrementAndGet();
        try {
            background.execute(() -> {
                try {
                    work.run();
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.decrementAndGet(); // shutting down: the work is dropped with the runtime
        }
    }

    /** Like {@link #submit} after a delay (retries with backoff). */
    void submitLater(Runnable work, long delayMillis) {
        pending.incrementAndGet();
        java.util.concurrent.CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS).execute(() -> {
            try {
                submit(work);
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    int maxFailures() {
        return maxFailures;
    }

    /** The parsed code of a bundle, shared by all devices that installed it. */
    TaskBundle code(String sha256, java.util.function.Supplier<TaskBundle> load) {
        TaskBundle b = code.get(sha256);
        if (b == null) {
            b = load.get();
            TaskBundle raced = code.putIfAbsent(sha256, b);
            b = raced == null ? b : raced;
        }
        return b;
    }

    /** Waits until queued background work (pulls, installs, reports) is done; false on timeout. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (pending.get() > 0) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        background.shutdown();
        background.awaitTermination(10, TimeUnit.SECONDS);
        uplink.close();
        if (executor != null) {
            executor.close();
        }
    }
}
