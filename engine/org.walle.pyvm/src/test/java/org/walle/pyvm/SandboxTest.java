package org.walle.pyvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every sandbox rule, each tried by a hostile script that must be refused with a clear error at its line. */
class SandboxTest {
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

    private TaskScriptException refused(String script) {
        return assertThrows(TaskScriptException.class, () -> vm.run(Tasks.pkg(dir, script),
                TaskContext.builder().build()));
    }

    static Stream<Arguments> hostileScripts() {
        return Stream.of(
                Arguments.of("import java (Java packages)", "x = 1\nimport java.lang", "SandboxError", "not allowed", 2),
                Arguments.of("from java.lang import System", "from java.lang import System", "SandboxError", "not allowed", 1),
                Arguments.of("import javax", "import javax.script", "SandboxError", "not allowed", 1),
                Arguments.of("import org.python.core", "import org.python.core", "SandboxError", "not allowed", 1),
                Arguments.of("import com.sun", "import com.sun.management", "SandboxError", "not allowed", 1),
                Arguments.of("import sun.misc", "import sun.misc", "SandboxError", "not allowed", 1),
                Arguments.of("import jarray", "import jarray", "SandboxError", "not allowed", 1),
                Arguments.of("import os (processes, files)", "import os", "SandboxError", "not allowed", 1),
                Arguments.of("import subprocess", "import subprocess", "SandboxError", "not allowed", 1),
                Arguments.of("import socket", "import socket", "SandboxError", "not allowed", 1),
                Arguments.of("import sys", "import sys", "SandboxError", "not allowed", 1),
                Arguments.of("import __builtin__", "import __builtin__", "SandboxError", "not allowed", 1),
                Arguments.of("open()", "data = open('/etc/passwd').read()", "SandboxError", "no file access", 1),
                Arguments.of("file()", "f = file('/etc/passwd')", "SandboxError", "not allowed", 1),
                Arguments.of("execfile()", "execfile('/etc/passwd')", "SandboxError", "not allowed", 1),
                Arguments.of("eval()", "eval('1+1')", "SandboxError", "no code evaluation", 1),
                Arguments.of("compile()", "compile('1', 'x', 'eval')", "SandboxError", "no code evaluation", 1),
                Arguments.of("exec statement", "exec 'import os'", "SandboxError", "exec statement", 1),
                Arguments.of("subclasses escape", "x = ().__class__.__bases__[0].__subclasses__()", "SandboxError", "no introspection", 1),
                Arguments.of("mro escape", "x = type(1).__mro__", "SandboxError", "__mro__", 1),
                Arguments.of("mro() method", "x = type(1).mro()", "SandboxError", "mro", 1),
                Arguments.of("__import__ name", "m = __import__('os')", "SandboxError", "__import__", 1),
                Arguments.of("__builtins__ name", "b = __builtins__", "SandboxError", "__builtins__", 1),
                Arguments.of("func_globals", "def f(): pass\ng = f.func_globals", "SandboxError", "func_globals", 2),
                Arguments.of("generator frame", "def g():\n  yield 1\nx = g().gi_frame", "SandboxError", "gi_frame", 3),
                Arguments.of("getattr with built name", "x = getattr((), '__cla' + 'ss__')", "SandboxError", "__class__", 1),
                Arguments.of("getattr func_globals", "def f(): pass\nx = getattr(f, 'func_' + 'globals')", "SandboxError", "func_globals", 2),
                Arguments.of("setattr dunder", "class A(object): pass\nsetattr(A, '__bas' + 'es__', ())", "SandboxError", "__bases__", 2),
                Arguments.of("vars()", "import collections\nv = vars(collections)", "SandboxError", "not allowed", 2),
                Arguments.of("globals()", "g = globals()", "SandboxError", "not allowed", 1),
                Arguments.of("globals as a library callback", "import random\nx = [1, 2]\nrandom.shuffle(x, globals)",
                        "SandboxError", "globals() is not allowed", 3),
                Arguments.of("locals as a library callback", "import heapq\nheapq.nsmallest(1, [3, 4], key=locals)",
                        "SandboxError", "locals() is not allowed", 2),
                Arguments.of("module internals (collections._sys)", "import collections\ns = collections._sys", "AttributeError", "_sys", 2),
                Arguments.of("Java methods of Java-implemented modules", "import math\nc = math.hashCode()", "AttributeError", "hashCode", 2),
                Arguments.of("Java classes re-exported by datetime", "import datetime\nc = datetime.Calendar", "AttributeError", "Calendar", 2),
                Arguments.of("reflected function internals", "import math\na = math.sqrt.argslist", "SandboxError", "argslist", 2),
                Arguments.of("string.Formatter.get_field", "import string\nf = string.Formatter", "AttributeError", "Formatter", 2),
                Arguments.of("input()", "x = raw_input()", "SandboxError", "no console input", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileScripts")
    void hostileScriptIsRefused(String rule, String script, String type, String message, int line) {
        TaskScriptException e = refused(script);
        assertEquals(type, e.pythonType(), rule + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(message), rule + ": " + e.getMessage());
        assertEquals(line, e.line(), rule + ": " + e.getMessage());
        assertEquals("main.py", e.file());
    }

    @Test
    void javaObjectsNeverReachScripts() {
        // walle objects report plain Python types and hide Java methods
        TaskScriptException e = refused("import walle\na = walle.np.zeros(3)\nc = a.getClass()");
        assertEquals("SandboxError", e.pythonType(), e.getMessage());
        TaskResult r = vm.run(Tasks.pkg(dir, "import walle\na = walle.np.zeros(3)\n"
                + "print type(a).__name__ if False else type(a), type(walle.np.zeros)\nprint hasattr(a, 'wait')"),
                TaskContext.builder().build());
        assertTrue(r.stdout().contains("<type 'object'> <type 'builtin_function_or_method'>"), r.stdout());
        assertTrue(r.stdout().contains("False"), r.stdout());
    }

    @Test
    void allowedLibraryStillWorksUnderTheSandbox() {
        TaskResult r = vm.run(Tasks.pkg(dir, String.join("\n",
                "import json, re, collections, itertools, functools, heapq, bisect, random, string, time, datetime, math",
                "P = collections.namedtuple('P', 'x y')",
                "d = json.loads(json.dumps({'a': [1, 2, P(3, 4)]}))",
                "random.seed(4)",
                "print d['a'], re.sub(r'\\d', '#', 'a1b2'), heapq.nsmallest(2, [5, 1, 3]), bisect.bisect([1, 3], 2)",
                "print datetime.date(2024, 1, 2).isoformat(), math.sqrt(16), string.upper('x')",
                "print list(itertools.islice(itertools.count(), 3)), functools.reduce(lambda a, b: a + b, [1, 2, 3])",
                "print time.time() > 0, collections.Counter('aab').most_common(1)")), TaskContext.builder().build());
        assertTrue(r.stdout().contains("[1, 2, [3, 4]] a#b# [1, 3] 1"), r.stdout());
        assertTrue(r.stdout().contains("2024-01-02 4.0 X"), r.stdout());
        assertTrue(r.stdout().contains("[0, 1, 2] 6"), r.stdout());
        assertTrue(r.stdout().contains("True [('a', 2)]"), r.stdout());
    }

    @Test
    void taskScriptsImportEachOtherUnderTheSameRules() {
        TaskResult r = vm.run(Tasks.pkg(dir, "import helper\nprint helper.double(21)", "helper.py",
                "def double(x):\n    return 2 * x\n"), TaskContext.builder().build());
        assertEquals("42\n", r.stdout());
        TaskScriptException e = refused0("import helper", "helper.py", "x = 1\ny = ().__class__\n");
        assertEquals("helper.py", e.file());
        assertEquals(2, e.line());
        assertEquals("SandboxError", e.pythonType());
    }

    private TaskScriptException refused0(String main, String... files) {
        return assertThrows(TaskScriptException.class, () -> vm.run(Tasks.pkg(dir, main, files),
                TaskContext.builder().build()));
    }
}
