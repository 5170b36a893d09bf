package org.walle.pyvm.internal.vm;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.python.core.PyFrame;
import org.python.core.ThreadState;
import org.walle.pyvm.TaskLimitException;
import org.walle.pyvm.TaskLimits;

/**
 * One daemon thread that polls every running task: wall-clock time and bytes allocated by the task's thread
 * (HotSpot's per-thread allocation counter). A task over a limit is stopped cooperatively: a {@link KillTrace} is
 * put into its Python frames and the thread is interrupted (for sleeps). Python code inside one long Java call
 * (a huge {@code sum(xrange(...))}) sees no line events, so after a grace period the thread is stopped with
 * {@code Thread.stop()} as the last resort (still available on Java 17). Other tasks carry on.
 */
public final class Watchdog implements AutoCloseable {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Set<Watched> running = ConcurrentHashMap.newKeySet();
    private final long graceMillis;
    private final Thread poller;
    private volatile boolean closed;

    public Watchdog(long graceMillis) {
        this.graceMillis = graceMillis;
        THREADS.setThreadAllocatedMemoryEnabled(true);
        poller = new Thread(this::loop, "walle-pyvm-watchdog");
        poller.setDaemon(true);
        poller.start();
    }

    /** Called on the task thread before the script runs. */
    public Watched watch(ThreadState ts, TaskLimits limits) {
        Thread t = Thread.currentThread();
        Watched w = new Watched(t, ts, System.nanoTime() + limits.timeoutMillis() * 1_000_000L,
                allocated(t), limits);
        running.add(w);
        return w;
    }

    public void release(Watched w) {
        running.remove(w);
    }

    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

    /** CPU time of the calling thread (the thread's CPU clock; no safepoint, no lock), 0 where unsupported. */
    static long cpuNanos() {
        return CPU_TIME ? Math.max(0, THREADS.getCurrentThreadCpuTime()) : 0;
    }

    static long allocated(Thread t) {
        return THREADS.getThreadAllocatedBytes(t.getId());
    }

    private void loop() {
        while (!closed) {
            long now = System.nanoTime();
            for (Watched w : running) {
                check(w, now);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void check(Watched w, long now) {
        if (w.limitHit == null) {
            long bytes = allocated(w.thread) - w.allocBase;
            if (now > w.deadline) {
                w.kill(TaskLimitException.Limit.TIME, "time limit of " + w.limits.timeoutMillis() + " ms exceeded", now);
            } else if (bytes > w.limits.maxAllocatedBytes()) {
                w.kill(TaskLimitException.Limit.ALLOCATION, "allocation limit of " + (w.limits.maxAllocatedBytes() >> 20)
                        + " MB exceeded (" + (bytes >> 20) + " MB allocated)", now);
            }
        } else if (!w.hardStopped && now - w.killedAt > graceMillis * 1_000_000L && w.thread.isAlive()) {
            w.hardStopped = true;
            w.thread.stop();
        }
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }

    /** A task thread under watch. */
    public static final class Watched {
        final Thread thread;
        final ThreadState ts;
        final long deadline;
        final long allocBase;
        final TaskLimits limits;
        volatile TaskLimitException.Limit limitHit;
        volatile String detail;
        volatile boolean hardStopped;
        long killedAt;

        Watched(Thread thread, ThreadState ts, long deadline, long allocBase, TaskLimits limits) {
            this.thread = thread;
            this.ts = ts;
            this.deadline = deadline;
            this.allocBase = allocBase;
            this.limits = limits;
        }

        void kill(TaskLimitException.Limit limit, String why, long now) {
            detail = why;
            killedAt = now;
            limitHit = limit;
            KillTrace k = new KillTrace(why);
            ts.tracefunc = k;
            for (PyFrame f = ts.frame; f != null; f = f.f_back) {
                f.tracefunc = k;
            }
            thread.interrupt();
        }

        public TaskLimitException.Limit limitHit() {
            return limitHit;
        }

        public String detail() {
            return detail;
        }

        public long allocatedBytes() {
            return allocated(thread) - allocBase;
        }
    }
}
