package org.walle.pyvm.internal.sandbox;

import org.python.core.Py;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.python.core.PySystemState;
import org.walle.pyvm.internal.api.Args;
import org.walle.pyvm.internal.api.JFunction;

/**
 * Gives a task its own builtins: a fresh copy of the interpreter's dictionary (Jython shares one
 * {@code __builtin__} between all interpreters, so without the copy {@code __builtin__.X = 1} in one task would be
 * seen by every other task) with the dangerous entries replaced. Jython reads builtins from the system state, not
 * from {@code globals()['__builtins__']}, so the copy is installed there; library code therefore sees the same
 * dictionary, and the guards tell task callers from library callers by the calling frame's globals.
 */
public final class SafeBuiltins {
    private SafeBuiltins() {
    }

    public static PyStringMap install(PySystemState state, TaskSandbox sandbox) {
        PyStringMap base = (PyStringMap) state.getBuiltins();
        PyStringMap safe = new PyStringMap();
        safe.update(base);
        PyObject errorClass = Py.makeClass("SandboxError", new PyObject[] {Py.SyntaxError}, sandboxErrorDict());
        sandbox.bind(base.__finditem__("__import__"), errorClass);
        for (String name : Policy.DENIED_BUILTINS) {
            PyObject original = base.__finditem__(name);
            safe.__setitem__(name, Policy.LIBRARY_NAMESPACE_BUILTINS.contains(name) && original != null
                    ? refusingTasks(name, original, sandbox) : refusing(name, sandbox));
        }
        safe.__setitem__("__import__", guardedImport(sandbox));
        safe.__setitem__("getattr", guardedGetattr("getattr", base.__finditem__("getattr"), sandbox, 1));
        safe.__setitem__("hasattr", guardedGetattr("hasattr", base.__finditem__("hasattr"), sandbox, 1));
        safe.__setitem__("setattr", guardedGetattr("setattr", base.__finditem__("setattr"), sandbox, 1));
        safe.__setitem__("delattr", guardedGetattr("delattr", base.__finditem__("delattr"), sandbox, 1));
        safe.__setitem__("SandboxError", errorClass);
        state.setBuiltins(safe);
        return safe;
    }

    private static PyStringMap sandboxErrorDict() {
        PyStringMap d = new PyStringMap();
        d.__setitem__("__module__", new PyString("walle"));
        d.__setitem__("__doc__", new PyString("A Walle task used something the sandbox does not allow."));
        return d;
    }

    /** Files, code evaluation and namespace dictionaries: refused to everyone (library code does not need them). */
    private static JFunction refusing(String name, TaskSandbox sandbox) {
        String hint = switch (name) {
            case "open", "file", "execfile" -> "no file access; read package resources with walle.task.resource(name)";
            case "eval", "compile", "exec" -> "no code evaluation";
            case "input", "raw_input" -> "no console input; use walle.task.input(name)";
            default -> "not available";
        };
        return JFunction.of(name, "refused by the Walle sandbox", a -> {
            throw sandbox.error(name + "() is not allowed in a Walle task: " + hint);
        });
    }

    /**
     * {@code globals()}, {@code locals()}: the real builtin for the body of a library module, refused to everything
     * else. A called frame inherits its caller's builtins in Jython, so a library module a task imports on demand
     * runs its body with the task's builtins, and {@code hashlib} (imported by {@code random}) fills its namespace
     * with {@code globals()}. Only a module body qualifies, not library functions: those can be handed a task's
     * callback ({@code random.shuffle(x, globals)}) and would hand the library module's namespace (with its
     * {@code os} reference) back to the task.
     */
    private static JFunction refusingTasks(String name, PyObject original, TaskSandbox sandbox) {
        JFunction refused = refusing(name, sandbox);
        return new JFunction(name, "refused by the Walle sandbox") {
            @Override
            protected PyObject call(Args a) {
                return a.raw().length == 0 && sandbox.isLibraryModuleBody() ? sandbox.delegate(original, a)
                        : refused.__call__(a.raw(), a.keywords());
            }
        };
    }

    private static JFunction guardedImport(TaskSandbox sandbox) {
        return new JFunction("__import__", "") {
            @Override
            protected PyObject call(Args a) {
                PyObject name = a.required(0, "name");
                PyObject globals = a.get(1, "globals");
                PyObject fromlist = a.get(3, "fromlist");
                PyObject level = a.get(4, "level");
                boolean task = globals != null && globals != Py.None ? sandbox.isTaskNamespace(globals)
                        : sandbox.isTaskCaller();
                if (!task) {
                    return sandbox.libraryImport(a);
                }
                return sandbox.importForTask(name.toString(), fromlist, level == null ? -1 : level.asInt());
            }
        };
    }

    private static JFunction guardedGetattr(String fn, PyObject original, TaskSandbox sandbox, int nameIndex) {
        return new JFunction(fn, "") {
            @Override
            protected PyObject call(Args a) {
                PyObject nameObj = a.get(nameIndex, "name");
                if (nameObj instanceof PyString) {
                    String n = nameObj.toString();
                    String why = sandbox.isTaskCaller() ? Policy.deniedAttribute(n)
                            : Policy.NEVER.contains(n) ? "attribute '" + n + "' is not available in a Walle task" : null;
                    if (why != null) {
                        throw sandbox.error(fn + "(): " + why);
                    }
                }
                return sandbox.delegate(original, a);
            }
        };
    }
}
