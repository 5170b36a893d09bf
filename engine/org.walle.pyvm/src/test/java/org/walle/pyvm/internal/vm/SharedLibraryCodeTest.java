package org.walle.pyvm.internal.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.core.PySystemState;
import org.python.core.imp;

/**
 * Library modules share compiled code between interpreters, never module objects or module state: a task changing
 * its interpreter's {@code random} generator or {@code json} module must not reach another interpreter.
 */
class SharedLibraryCodeTest {
    private static PyObject module(PySystemState s, String name) {
        return s.modules.__finditem__(name);
    }

    @Test
    void codeIsSharedButModulesAndTheirStateAreNot() {
        PySystemState a = InterpreterPool.create(List.of("random", "json"));
        PySystemState b = InterpreterPool.create(List.of("random", "json"));
        SharedLibraryCode shared = PythonRuntime.libraryCode().orElseThrow(
                () -> new AssertionError("the standard library is in the Jython jar, so its code must be shared"));
        assertTrue(shared.cachedModules() >= 2, "cached " + shared.cachedModules());

        PyObject randomA = module(a, "random");
        PyObject randomB = module(b, "random");
        assertSame(shared, randomA.__findattr__("__loader__"), "random came through the shared importer");
        assertNotSame(randomA, randomB);
        // the module body ran in each interpreter: own generator, own functions, one code object
        assertNotSame(randomA.__findattr__("_inst"), randomB.__findattr__("_inst"));
        assertNotSame(randomA.__findattr__("seed"), randomB.__findattr__("seed"));
        assertSame(randomA.__findattr__("_test").__findattr__("func_code"),
                randomB.__findattr__("_test").__findattr__("func_code"));

        // what a library function changing module state would do in one interpreter
        Py.setSystemState(a);
        try {
            randomA.__findattr__("seed").__call__(Py.newInteger(1));
            PyObject first = randomA.__findattr__("random").__call__();
            randomA.__findattr__("seed").__call__(Py.newInteger(1));
            Py.setSystemState(b);
            randomB.__findattr__("seed").__call__(Py.newInteger(2));
            Py.setSystemState(a);
            assertEquals(first, randomA.__findattr__("random").__call__(), "b's seed did not touch a's generator");
        } finally {
            Py.setSystemState(null);
        }
        module(a, "json").__setattr__("LEAK", Py.One);
        assertNull(module(b, "json").__findattr__("LEAK"));
        // a package keeps its __path__, so its submodules load (json.decoder came through the importer too)
        assertSame(shared, module(b, "json.decoder").__findattr__("__loader__"));
        assertTrue(module(b, "json").__findattr__("__path__").__len__() == 1);
    }

    @Test
    void unknownModulesAndJavaModulesAreLeftToJython() {
        PySystemState s = InterpreterPool.create(List.of());
        Py.setSystemState(s);
        try {
            PyException e = assertThrows(PyException.class, () -> imp.importName("no_such_module_xyz", true));
            assertTrue(e.match(Py.ImportError), e.toString());
            // math is a Java (builtin) module: Jython's own, not a cached library module
            assertNull(imp.importName("math", true).__findattr__("__loader__"));
        } finally {
            Py.setSystemState(null);
        }
    }
}
