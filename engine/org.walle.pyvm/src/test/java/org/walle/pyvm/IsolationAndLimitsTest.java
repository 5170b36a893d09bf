package org.walle.pyvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.python.core.Py;
import org.python.core.PySystemState;
import org.walle.pyvm.internal.vm.InterpreterPool;

/** Tasks cannot see each other; runaway tasks are stopped while the others finish; errors carry file and line. */
class IsolationAndLimitsTest {
    static TaskVm vm;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        vm = new TaskVm(2);
    }

    @AfterAll
    static void stop() {
        vm.close();
    }

    private TaskResult run(String script) {
        return vm.run(Tasks.pkg(dir, script), TaskContext.builder().build());
    }

    @Test
    void builtinsAreACopyPerInterpreterAndPerTask() {
        PySystemState a = InterpreterPool.create(List.of());
        PySystemState b = InterpreterPool.create(List.of());
        // what "import __builtin__; __builtin__.LEAK = 1" does in an unsandboxed Jython interpreter
        a.getBuiltins().__setitem__("LEAK", Py.One);
        assertNull(b.getBuiltins().__finditem__("LEAK"));
        assertNull(PySystemState.getDefaultBuiltins().__finditem__("LEAK"));
        TaskScriptException e = assertThrows(TaskScriptException.class, () -> run("print LEAK"));
        assertEquals("NameError", e.pythonType());
        // a task rebinding a name only changes its own globals; the next task sees the real builtins
        run("len = 5\nabs = None");
        assertEquals("2 3\n", run("print len([1, 2]), abs(-3)").stdout());
    }

    @Test
    void moduleStateIsPerTaskEvenForJavaImplementedModules() {
        run("import math\nmath.pi = 3\nmath.LEAK = 1\nimport json\njson.dumps = None");
        TaskResult r = run("import math, json\nprint math.pi, hasattr(math, 'LEAK'), json.dumps([1])");
        assertEquals("3.14159265359 False [1]\n", r.stdout());
    }

    @Test
    void globalsAreNotShared() {
        run("SECRET = 42");
        TaskScriptException e = assertThrows(TaskScriptException.class, () -> run("x = 1\nprint SECRET"));
        assertEquals("NameError", e.pythonType());
        assertEquals(2, e.line());
    }

    @Test
    void pythonErrorsNameTaskFileAndLine() {
        TaskScriptException e = assertThrows(TaskScriptException.class, () -> vm.run(Tasks.pkg(dir,
                "import util\n\nutil.divide(1, 0)\n", "util.py", "def divide(a, b):\n    x = a\n    return a / b\n"),
                TaskContext.builder().build()));
        assertEquals("ZeroDivisionError", e.pythonType());
        assertEquals("util.py", e.file());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("task t"), e.getMessage());
        assertTrue(e.traceback().contains("main.py\", line 3"), e.traceback());
        TaskScriptException syntax = assertThrows(TaskScriptException.class, () -> run("x = 1\ny = (\n"));
        assertEquals("main.py", syntax.file());
        assertTrue(syntax.line() >= 2, syntax.getMessage());
    }

    @Test
    void runawayLoopIsStoppedEvenWhenItCatchesEverything() {
        TaskLimits tight = new TaskLimits(300, 1L << 40);
        String hostile = "while True:\n    try:\n        while True:\n            pass\n    except:\n        pass\n";
        long t0 = System.nanoTime();
        TaskLimitException e = assertThrows(TaskLimitException.class, () -> vm.run(Tasks.pkg(dir, hostile),
                TaskContext.builder().limits(tight).build()));
        assertEquals(TaskLimitException.Limit.TIME, e.limit());
        assertTrue(e.getMessage().contains("time limit of 300 ms"), e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "stopped within a generous bound");
    }

    @Test
    void sleepingTaskIsStopped() {
        TaskLimitException e = assertThrows(TaskLimitException.class, () -> vm.run(Tasks.pkg(dir,
                "import time\ntime.sleep(60)"), TaskContext.builder().limits(new TaskLimits(200, 1L << 40)).build()));
        assertEquals(TaskLimitException.Limit.TIME, e.limit());
    }

    @Test
    void allocationGuardStopsAMemoryHog() {
        TaskLimitException e = assertThrows(TaskLimitException.class, () -> vm.run(Tasks.pkg(dir,
                "keep = []\nwhile True:\n    keep.append([0] * 100000)\n"),
                TaskContext.builder().limits(new TaskLimits(60_000, 64L << 20)).build()));
        assertEquals(TaskLimitException.Limit.ALLOCATION, e.limit());
        assertTrue(e.getMessage().contains("allocation limit of 64 MB"), e.getMessage());
    }

    @Test
    void otherTasksCarryOnWhileOneIsStopped() {
        CompletableFuture<TaskResult> hog = vm.submit(Tasks.pkg(dir, "while True:\n    pass\n"),
                TaskContext.builder().limits(new TaskLimits(500, 1L << 40)).build());
        List<CompletableFuture<TaskResult>> good = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            good.add(vm.submit(Tasks.pkg(dir, "s = 0\nfor i in xrange(20000):\n    s += i\nprint s"),
                    TaskContext.builder().build()));
        }
        for (CompletableFuture<TaskResult> f : good) {
            assertEquals("199990000\n", f.join().stdout());
        }
        CompletionException ce = assertThrows(CompletionException.class, hog::join);
        assertTrue(ce.getCause() instanceof TaskLimitException, String.valueOf(ce.getCause()));
    }

    @Test
    void parallelTasksHaveSeparateModuleState() throws Exception {
        String script = "import helper\nfor i in xrange(5000):\n    helper.bump()\nprint helper.count";
        List<CompletableFuture<TaskResult>> runs = new ArrayList<>();
        TaskPackage pkg = Tasks.pkg(dir, script, "helper.py", "count = 0\ndef bump():\n    global count\n"
                + "    count += 1\n");
        for (int i = 0; i < 6; i++) {
            runs.add(vm.submit(pkg, TaskContext.builder().build()));
        }
        for (CompletableFuture<TaskResult> f : runs) {
            assertEquals("5000\n", f.join().stdout());
        }
    }

    @Test
    void printedOutputIsBounded() {
        TaskResult r = vm.run(Tasks.pkg(dir, "for i in xrange(10000):\n    print 'x' * 100"),
                TaskContext.builder().maxStdoutChars(1000).build());
        assertTrue(r.stdout().length() < 1100, "length " + r.stdout().length());
        assertTrue(r.stdout().contains("[output truncated"), r.stdout());
    }
}
