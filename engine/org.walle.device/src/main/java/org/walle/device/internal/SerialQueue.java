package org.walle.device.internal;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Work for one device, run one item at a time in arrival order on a shared pool: thousands of devices share a few
 * worker threads, yet a device never handles two notices (installs) at once.
 */
public final class SerialQueue {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final Consumer<Runnable> pool;
    private final Consumer<RuntimeException> onError;
    private boolean draining;
    private volatile boolean closed;

    /** @param pool runs the drain loop (the shared worker pool) */
    public SerialQueue(Consumer<Runnable> pool, Consumer<RuntimeException> onError) {
        this.pool = pool;
        this.onError = onError;
    }

    public void add(Runnable work) {
        synchronized (queue) {
            if (closed) {
                return;
            }
            queue.addLast(work);
            if (draining) {
                return;
            }
            draining = true;
        }
        pool.accept(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (queue) {
                next = closed ? null : queue.pollFirst();
                if (next == null) {
                    draining = false;
                    queue.clear();
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                onError.accept(e);
            }
        }
    }

    /** Drops queued work; the item running now finishes. */
    public void close() {
        synchronized (queue) {
            closed = true;
            queue.clear();
        }
    }
}
