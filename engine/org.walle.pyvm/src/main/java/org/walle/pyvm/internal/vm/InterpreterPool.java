package org.walle.pyvm.internal.vm;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.python.core.Py;
import org.python.core.PyStringMap;
import org.python.core.PySystemState;
import org.python.core.imp;

/**
 * Pre-initialised interpreter states for warm task starts. A state is used by exactly one task run and then
 * dropped (reusing it would carry one task's module state into the next), so the pool is refilled in the
 * background. Each state gets its own builtins dictionary and has the allowed library modules imported already.
 */
public final class InterpreterPool implements AutoCloseable {
    private final int target;
    private final List<String> preImports;
    private final LinkedBlockingQueue<PySystemState> ready = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final ExecutorService refill;

    public InterpreterPool(int target, List<String> preImports) {
        this.target = target;
        this.preImports = List.copyOf(preImports);
        this.refill = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "walle-pyvm-pool");
            t.setDaemon(true);
            return t;
        });
        topUp();
    }

    /** A ready state when the pool has one ({@code warm}), else a new one made on the caller's thread. */
    public Taken take() {
        PySystemState s = ready.poll();
        topUp();
        return s != null ? new Taken(s, true) : new Taken(create(preImports), false);
    }

    /** Blocks until the pool holds its target number of states (tests and benchmarks use it). */
    public void awaitWarm(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (ready.size() < target && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
    }

    public int readyCount() {
        return ready.size();
    }

    private void topUp() {
        while (ready.size() + pending.get() < target) {
            pending.incrementAndGet();
            try {
                refill.execute(() -> {
                    try {
                        ready.add(create(preImports));
                    } finally {
                        pending.decrementAndGet();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                pending.decrementAndGet();
                return;
            }
        }
    }

    /** A new state with a private builtins copy and the given modules imported. */
    public static PySystemState create(List<String> imports) {
        PythonRuntime.ensureInitialized();
        PySystemState s = new PySystemState();
        PyStringMap own = new PyStringMap();
        own.update(s.getBuiltins());
        s.setBuiltins(own);
        if (!imports.isEmpty()) {
            PySystemState previous = Py.getSystemState();
            Py.setSystemState(s);
            try {
                for (String m : imports) {
                    imp.importName(m.intern(), true);
                }
            } finally {
                Py.setSystemState(previous);
            }
        }
        return s;
    }

    @Override
    public void close() {
        refill.shutdownNow();
        ready.clear();
    }

    /** A state and whether it came warm from the pool. */
    public record Taken(PySystemState state, boolean warm) {
    }
}
