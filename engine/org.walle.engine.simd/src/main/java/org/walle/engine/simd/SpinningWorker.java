package org.walle.engine.simd;

import java.util.concurrent.atomic.AtomicBoolean;
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
    /** Written last by the caller (a range is ready) and by the worker (the range is done). */
    private volatile boolean ready;
    private volatile boolean done = true;
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
        done = false;
        ready = true;
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /** Waits for the range (spinning: it runs beside the caller's own range), releases the worker, rethrows. */
    RuntimeException await() {
        long spins = 0;
        while (!done) {
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
            ready = false;
            try {
                task.run(from, to);
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new IllegalStateException("a parallel range failed: " + e, e);
            }
            done = true;
        }
    }

    private void awaitReady() {
        long idleSince = System.nanoTime();
        while (!ready) {
            if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
                continue;
            }
            parked = true;
            if (!ready) {
                LockSupport.park(this);
            }
            parked = false;
        }
    }
}
