package org.walle.engine.simd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every cpu-simd kernel shares. Kernels split their outermost loop into contiguous ranges, a few per
 * thread, which the calling thread and the helpers take in turn; a 1-thread call never touches another thread. The
 * helpers are {@link SpinningWorker}s (one per further core, awake between commands), else a fork-join pool.
 */
public final class Parallel {

    /** The body of a parallel loop over {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
            pool -> {
                var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                thread.setName("walle-simd-" + thread.getPoolIndex());
                thread.setDaemon(true);
                return thread;
            }, null, false);

    /** One spinning worker per core besides the caller's; ranges beyond them (or while they are busy) go to POOL. */
    private static final SpinningWorker[] WORKERS = workers(Runtime.getRuntime().availableProcessors() - 1);

    /** Chunks per thread of a split loop (each still at least {@code grain} items). */
    static final int CHUNKS_PER_THREAD = 4;

    private static volatile int defaultThreads = Integer.getInteger("walle.threads",
            Runtime.getRuntime().availableProcessors());

    private Parallel() {
    }

    /** Threads the kernels use when the caller does not say (system property {@code walle.threads}, else all cores). */
    public static int defaultThreads() {
        return defaultThreads;
    }

    public static void setDefaultThreads(int threads) {
        defaultThreads = checkThreads(threads);
    }

    public static int checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + threads);
        }
        return threads;
    }

    /** Runs {@code task} over {@code [0, count)} in contiguous ranges on at most {@code threads} threads. */
    public static void forRange(int threads, int count, RangeTask task) {
        forRange(threads, count, 1, task);
    }

    /**
     * Like {@link #forRange(int, int, RangeTask)} but never makes a range shorter than {@code grain} items, so tiny
     * loops stay on the calling thread where a fork would cost more than the work.
     */
    public static void forRange(int threads, int count, int grain, RangeTask task) {
        checkThreads(threads);
        if (count <= 0) {
            return;
        }
        int parts = Math.min(threads, Math.max(1, count / Math.max(1, grain)));
        if (parts <= 1) {
            task.run(0, count);
            return;
        }
        // more chunks than threads, taken in turn: a core the host slows down (another tenant) takes fewer of them
        // instead of the whole call waiting for its fixed share
        int chunks = Math.max(parts, Math.min(count / Math.max(1, grain), parts * CHUNKS_PER_THREAD));
        AtomicInteger next = new AtomicInteger();
        RangeTask takeChunks = (ignoredFrom, ignoredTo) -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                task.run(bound(count, chunks, c), bound(count, chunks, c + 1));
            }
        };
        List<SpinningWorker> handed = new ArrayList<>(parts - 1);
        List<ForkJoinTask<?>> forked = new ArrayList<>();
        for (int part = 1; part < parts; part++) {
            SpinningWorker w = part - 1 < WORKERS.length && WORKERS[part - 1].claim() ? WORKERS[part - 1] : null;
            if (w != null) {
                w.start(takeChunks, 0, chunks);
                handed.add(w);
            } else {
                forked.add(POOL.submit(() -> takeChunks.run(0, chunks)));
            }
        }
        RuntimeException failure = null;
        try {
            takeChunks.run(0, chunks);
        } catch (RuntimeException e) {
            failure = e;
        }
        // wait for every range even after a failure: no task may still write into the caller's arrays afterwards
        for (SpinningWorker w : handed) {
            RuntimeException e = w.await();
            failure = failure == null ? e : failure;
        }
        for (ForkJoinTask<?> f : forked) {
            try {
                f.join();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static SpinningWorker[] workers(int n) {
        SpinningWorker[] w = new SpinningWorker[Math.max(0, n)];
        for (int i = 0; i < w.length; i++) {
            w[i] = new SpinningWorker("walle-simd-spin-" + i);
        }
        return w;
    }

    private static int bound(int count, int parts, int part) {
        return (int) ((long) count * part / parts);
    }
}
