package org.walle.pyvm.internal.vm;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.python.core.Py;
import org.python.core.PyCode;
import org.python.core.PyException;
import org.python.core.PyFileWriter;
import org.python.core.PyModule;
import org.python.core.PyStringMap;
import org.python.core.PySystemState;
import org.python.core.ThreadState;
import org.walle.pyvm.ModelBackend;
import org.walle.pyvm.TaskContext;
import org.walle.pyvm.TaskException;
import org.walle.pyvm.TaskLimitException;
import org.walle.pyvm.TaskLimits;
import org.walle.pyvm.TaskOutput;
import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskResult;
import org.walle.pyvm.internal.api.WalleModules;
import org.walle.pyvm.internal.sandbox.SafeBuiltins;
import org.walle.pyvm.internal.sandbox.SandboxViolation;
import org.walle.pyvm.internal.sandbox.ScriptCache;
import org.walle.pyvm.internal.sandbox.ScriptChecker;
import org.walle.pyvm.internal.sandbox.TaskSandbox;

/** One task invocation: takes an interpreter, sets up the sandbox on a fresh thread, runs the entry script. */
public final class TaskRunner {
    private static final AtomicLong SEQ = new AtomicLong();
    private final InterpreterPool pool;
    private final Watchdog watchdog;
    private final ScriptCache scripts;
    private final Map<String, ModelBackend> backends;

    public TaskRunner(InterpreterPool pool, Watchdog watchdog, ScriptCache scripts, Map<String, ModelBackend> backends) {
        this.pool = pool;
        this.watchdog = watchdog;
        this.scripts = scripts;
        this.backends = backends;
    }

    public CompletableFuture<TaskResult> start(TaskPackage pkg, TaskContext ctx) {
        CompletableFuture<TaskResult> future = new CompletableFuture<>();
        long t0 = System.nanoTime();
        Thread t = new Thread(() -> {
            try {
                future.complete(runHere(pkg, ctx, t0));
            } catch (Throwable e) {
                future.completeExceptionally(e instanceof TaskException ? e
                        : new TaskException(pkg.id(), "task " + pkg.id() + " failed: " + e, e));
            }
        }, "walle-task-" + pkg.id() + "-" + SEQ.incrementAndGet());
        t.setDaemon(true);
        t.start();
        return future;
    }

    private TaskResult runHere(TaskPackage pkg, TaskContext ctx, long t0) {
        InterpreterPool.Taken taken = pool.take();
        PySystemState state = taken.state();
        Py.setSystemState(state);
        ThreadState ts = Py.getThreadState();
        List<TaskOutput> outputs = Collections.synchronizedList(new ArrayList<>());
        StringWriter out = new StringWriter();
        BoundedWriter stdout = new BoundedWriter(out, ctx.maxStdoutChars());
        state.stdout = new PyFileWriter(stdout);
        state.stderr = new PyFileWriter(stdout);
        Map<String, PyModule> walle = WalleModules.create(pkg, ctx, backends, outputs::add);
        TaskSandbox sandbox = new TaskSandbox(pkg, scripts, walle);
        SafeBuiltins.install(state, sandbox);
        TaskLimits limits = ctx.limits() != null ? ctx.limits() : pkg.manifest().limits();
        String entry = pkg.manifest().entry();
        Watchdog.Watched watched = null;
        long startMicros = 0;
        long runStart = 0;
        try {
            PyStringMap globals = sandbox.newTaskGlobals("__main__", entry);
            PyCode code = sandbox.compile(entry);
            watched = watchdog.watch(ts, limits);
            long cpuStart = Watchdog.cpuNanos();
            runStart = System.nanoTime();
            startMicros = (runStart - t0) / 1000;
            Py.runCode(code, globals, globals);
            long allocated = watched.allocatedBytes();
            if (watched.limitHit() != null) {
                throw limitError(pkg, watched, null);
            }
            long runMicros = (System.nanoTime() - runStart) / 1000;
            return new TaskResult(pkg.id(), outputs, stdout.text(), taken.warm(), startMicros, runMicros, allocated,
                    (Watchdog.cpuNanos() - cpuStart) / 1000);
        } catch (PyException e) {
            if (watched != null && watched.limitHit() != null) {
                throw limitError(pkg, watched, e);
            }
            throw ErrorMapper.map(e, pkg);
        } catch (ThreadDeath d) {
            throw limitError(pkg, watched, null);
        } finally {
            if (watched != null) {
                watchdog.release(watched);
            }
            pool.noteImported(sandbox.importedLibraryModules());
            ts.tracefunc = null;
            Thread.interrupted();
            Py.setSystemState(null);
            state.cleanup();
        }
    }

    private static TaskLimitException limitError(TaskPackage pkg, Watchdog.Watched w, PyException e) {
        Object[] where = e == null ? null : ErrorMapper.taskLocation(e, pkg);
        return new TaskLimitException(pkg.id(), w.limitHit(), w.detail(), where == null ? null : (String) where[0],
                where == null ? 0 : (Integer) where[1]);
    }

    /** Static check of every script in the package: syntax and sandbox rules. */
    public static List<String> check(TaskPackage pkg) {
        List<String> problems = new ArrayList<>();
        for (String f : pkg.fileNames()) {
            if (!f.endsWith(".py")) {
                continue;
            }
            try {
                ScriptChecker.check(pkg.script(f).orElseThrow(), f);
            } catch (SandboxViolation v) {
                problems.add(v.file() + ":" + v.line() + ": SandboxError: " + v.getMessage());
            } catch (PyException e) {
                var mapped = ErrorMapper.map(e, pkg);
                problems.add(mapped.file() + ":" + mapped.line() + ": " + mapped.pythonType() + ": "
                        + mapped.pythonMessage());
            }
        }
        return problems;
    }
}
