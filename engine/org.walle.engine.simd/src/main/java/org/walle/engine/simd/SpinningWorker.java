package org.walle.engine.simd;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One pool thread that stays awake for a short while after each range: a model's commands come a few microseconds
 * apart, and waking a parked thread for each one (a fork-join submission) costs tens of microseconds, as much as a
 * small command's whole range. After {@link #SPIN_NANOS} without work it parks until the next hand-off.
 */
final class SpinningWorker implements Runnable {
    /** How long an idle worker spins before parking; long enough to span the gap between two commands. */
    static final long SPIN_NANOS = 200_000;

    private final AtomicBoolean claimed = new AtomicBoolean();
    private final Thread thread;
    private Parallel.RangeTask task;
    private int from;
    private int to;
    private RuntimeException failure;
    /**
     * {@link #IDLE}, {@link #OFFERED} (written last by the caller: a range is ready) or {@link #TAKEN} (the worker
     * began it; back to idle, written last by the worker, when the range is done); an offer the worker has not taken
     * yet can be withdrawn.
     */
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private static final int IDLE = 0;
    private static final int OFFERED = 1;
    private static final int TAKEN = 2;
    private volatile boolean parked;

    SpinningWorker(String name) {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes the worker for one range, or says it is busy with another caller's. */
    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    /** Hands a claimed worker its range. */
    void start(Parallel.RangeTask rangeTask, int rangeFrom, int rangeTo) {
        task = rangeTask;
        from = rangeFrom;
        to = rangeTo;
        failure = null;
        state.set(OFFERED);
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Waits for the range (spinning: it runs beside the caller's own range), releases the worker, rethrows. Call it
     * once the caller has taken every chunk: a range the worker has not begun is then withdrawn instead of waited
     * for, since it would find nothing left to do. On a shared host the worker's core can be away for milliseconds
     * (the OCR classifier at 2 threads had runs of 12-17 ms instead of 1.5 while the caller waited for a worker
     * that had not started).
     */
    RuntimeException await() {
        if (state.compareAndSet(OFFERED, IDLE)) {
            task = null;
            claimed.set(false);
            return null;
        }
        long spins = 0;
        while (state.get() == TAKEN) {
            if (++spins < 1 << 20) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the worker was descheduled: let it run
            }
        }
        RuntimeException f = failure;
        task = null;
        claimed.set(false);
        return f;
    }

    @Override
    public void run() {
        while (true) {
            awaitReady();
            try {
                task.run(from, to);
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new IllegalStateException("a parallel range failed: " + e, e);
            }
            state.set(IDLE);
        }
    }

    /** Returns once this worker has taken an offered range. */
    private void awaitReady() {
        long idleSince = System.nanoTime();
        while (!state.compareAndSet(OFFERED, TAKEN)) {
            if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
                continue;
            }
            parked = true;
            if (state.get() != OFFERED) {
                LockSupport.park(this);
            }
            parked = false;
            // woken for an offer the caller may have withdrawn meanwhile: spin for the next one before parking again
            idleSince = System.nanoTime();
        }
    }
}
