package org.walle.pyvm.internal.vm;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * background. Each state gets its own builtins dictionary and has imported the allowed library modules that this
 * VM's tasks have imported so far: importing all of them cost every invocation about 50 ms of CPU (150 ms before
 * {@link SharedLibraryCode}) on the refill thread, next to the running tasks, even for tasks that import nothing.
 * A task importing a module the pool did not foresee imports it on demand, so the learning changes speed only.
 */
public final class InterpreterPool implements AutoCloseable {
    private final int target;
    private final Set<String> importable;
    private final Set<String> learned = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<PySystemState> ready = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final ExecutorService refill;

    /**
     * @param target     how many states to keep ready
     * @param importable the library modules states may pre-import once a task has imported them
     */
    public InterpreterPool(int target, Collection<String> importable) {
        this.target = target;
        this.importable = Set.copyOf(importable);
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
        return s != null ? new Taken(s, true) : new Taken(create(preImports()), false);
    }

    /** Called after a task run with the library modules it imported: later states come with them imported. */
    public void noteImported(Collection<String> modules) {
        for (String m : modules) {
            if (importable.contains(m)) {
                learned.add(m);
            }
        }
    }

    /** The modules new states import, sorted so every state is built the same way. */
    public List<String> preImports() {
        return learned.stream().sorted().toList();
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
                        ready.add(create(preImports()));
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
        PythonRuntime.libraryCode().ifPresent(code -> s.meta_path.insert(0, code));
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
