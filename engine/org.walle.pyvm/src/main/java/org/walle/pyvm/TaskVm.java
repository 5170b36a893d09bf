package org.walle.pyvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.walle.pyvm.internal.sandbox.Policy;
import org.walle.pyvm.internal.sandbox.ScriptCache;
import org.walle.pyvm.internal.vm.InterpreterPool;
import org.walle.pyvm.internal.vm.PythonRuntime;
import org.walle.pyvm.internal.vm.TaskRunner;
import org.walle.pyvm.internal.vm.Watchdog;

/**
 * The Python task VM: runs task packages, each invocation on its own thread with its own Jython interpreter state
 * (own {@code sys.modules}, {@code sys.path}, globals and builtins), in a sandbox, under time and allocation limits.
 * Many invocations run in parallel (Jython has no GIL). Thread-safe; close it to stop the pool and the watchdog.
 */
public final class TaskVm implements AutoCloseable {
    private final InterpreterPool pool;
    private final Watchdog watchdog;
    private final ScriptCache scripts = new ScriptCache(256);
    private final Map<String, ModelBackend> backends = new ConcurrentHashMap<>();

    /** A VM keeping two warm interpreters ready. */
    public TaskVm() {
        this(2);
    }

    /** @param warmInterpreters how many pre-initialised interpreters to keep ready (0 = always cold) */
    public TaskVm(int warmInterpreters) {
        PythonRuntime.ensureInitialized();
        pool = new InterpreterPool(warmInterpreters, new ArrayList<>(Policy.ALLOWED_MODULES));
        watchdog = new Watchdog(1_000);
        addBackend(org.walle.pyvm.internal.api.ReferenceBackend.INSTANCE);
    }

    /** Makes a model backend available to {@code walle.model.load(name, backend=...)}. */
    public TaskVm addBackend(ModelBackend backend) {
        backends.put(backend.name(), backend);
        return this;
    }

    public List<String> backendNames() {
        return backends.keySet().stream().sorted().toList();
    }

    /** Runs one invocation on a new thread and waits for it. */
    public TaskResult run(TaskPackage pkg, TaskContext context) {
        try {
            return submit(pkg, context).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Starts one invocation on a new thread. */
    public CompletableFuture<TaskResult> submit(TaskPackage pkg, TaskContext context) {
        return new TaskRunner(pool, watchdog, scripts, Map.copyOf(backends)).start(pkg, context);
    }

    /**
     * Checks every script of a package without running it: syntax and the sandbox's static rules. Returns one
     * message per problem ("file:line: message"), empty when the package is fine.
     */
    public static List<String> check(TaskPackage pkg) {
        PythonRuntime.ensureInitialized();
        return TaskRunner.check(pkg);
    }

    /** Blocks until the warm pool is full; for benchmarks and tests that measure warm starts. */
    public void awaitWarm(long timeoutMillis) throws InterruptedException {
        pool.awaitWarm(timeoutMillis);
    }

    /** Milliseconds the one-time Jython initialisation took in this JVM. */
    public static long runtimeInitMillis() {
        return PythonRuntime.initMillis();
    }

    @Override
    public void close() {
        pool.close();
        watchdog.close();
    }
}
