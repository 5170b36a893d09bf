package org.walle.pyvm.internal.sandbox;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.python.core.CompileMode;
import org.python.core.CompilerFlags;
import org.python.core.Py;
import org.python.core.PyCode;
import org.python.core.PyException;
import org.python.core.PyFrame;
import org.python.core.PyInteger;
import org.python.core.PyModule;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.python.core.PyTuple;
import org.walle.pyvm.TaskPackage;

/**
 * The sandbox of one task run: knows which namespaces are task code (the entry script and the package's own
 * modules) and answers the task's imports. Library code (the allowed standard library) runs unrestricted inside
 * the interpreter; what the task gets back is always a facade.
 */
public final class TaskSandbox {
    private final TaskPackage pkg;
    private final ScriptCache cache;
    private final Set<PyObject> taskGlobals = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, PyModule> taskModules = new HashMap<>();
    private final Map<String, PyModule> facades = new HashMap<>();
    private final Map<String, PyModule> walle;
    private PyObject libraryImport;
    private PyObject sandboxError;

    /**
     * @param walle the walle module and its submodules by dotted name ("walle", "walle.np", ...)
     */
    public TaskSandbox(TaskPackage pkg, ScriptCache cache, Map<String, PyModule> walle) {
        this.pkg = pkg;
        this.cache = cache;
        this.walle = walle;
    }

    void bind(PyObject libraryImport, PyObject sandboxError) {
        this.libraryImport = libraryImport;
        this.sandboxError = sandboxError;
    }

    public PyObject sandboxErrorClass() {
        return sandboxError;
    }

    public PyException error(String message) {
        return new PyException(sandboxError, new PyString(message));
    }

    PyObject libraryImport(org.walle.pyvm.internal.api.Args a) {
        return delegate(libraryImport, a);
    }

    PyObject delegate(PyObject target, org.walle.pyvm.internal.api.Args a) {
        return target.__call__(a.raw(), a.keywords());
    }

    /** The allowed library modules the task has imported so far. */
    public Set<String> importedLibraryModules() {
        return Set.copyOf(facades.keySet());
    }

    /** A fresh module namespace marked as task code. */
    public PyStringMap newTaskGlobals(String moduleName, String file) {
        PyStringMap g = new PyStringMap();
        g.__setitem__("__name__", new PyString(moduleName));
        g.__setitem__("__file__", new PyString(file));
        g.__setitem__("__doc__", Py.None);
        taskGlobals.add(g);
        return g;
    }

    public boolean isTaskNamespace(PyObject globals) {
        return globals != null && taskGlobals.contains(globals);
    }

    /** Whether the innermost running Python frame is task code. */
    public boolean isTaskCaller() {
        PyFrame f = Py.getFrame();
        return f != null && taskGlobals.contains(f.f_globals);
    }

    /** Whether the innermost running Python frame is the body of a library module being imported. */
    public boolean isLibraryModuleBody() {
        PyFrame f = Py.getFrame();
        return f != null && !taskGlobals.contains(f.f_globals) && f.f_globals == f.f_locals && f.f_code != null
                && "<module>".equals(f.f_code.co_name);
    }

    /** Checks and compiles one of the package's scripts. */
    public PyCode compile(String file) {
        String source = pkg.script(file).orElseThrow(() -> Py.ImportError("no script " + file + " in the task"));
        return cache.compile(source, file, (src, f) -> {
            try {
                return Py.compile_flags(ScriptChecker.check(src, f), f, CompileMode.exec, new CompilerFlags());
            } catch (SandboxViolation v) {
                throw sandboxSyntaxError(v);
            }
        });
    }

    private PyException sandboxSyntaxError(SandboxViolation v) {
        PyObject details = new PyTuple(new PyString(v.file()), new PyInteger(v.line()), new PyInteger(0), Py.None);
        return new PyException(sandboxError, sandboxError.__call__(new PyString(v.getMessage()), details));
    }

    /** The task's {@code __import__(name, globals, locals, fromlist, level)}. */
    PyObject importForTask(String name, PyObject fromlist, int level) {
        boolean wantsLeaf = fromlist != null && fromlist != Py.None && fromlist.__nonzero__();
        if (name.equals("walle") || name.startsWith("walle.")) {
            PyModule m = walle.get(wantsLeaf ? name : "walle");
            if (m == null) {
                throw Py.ImportError("no module named " + name + " (walle has " + new TreeSet<>(walle.keySet()) + ")");
            }
            return m;
        }
        if (level > 0 || pkg.fileNames().contains(name + ".py")) {
            return taskModule(name);
        }
        if (Policy.ALLOWED_MODULES.contains(name)) {
            return facades.computeIfAbsent(name, n -> ModuleFacades.facade(n, libraryImport.__call__(
                    new PyObject[] {new PyString(n), Py.None, Py.None, Py.None, Py.Zero})));
        }
        throw error("import of '" + name + "' is not allowed in a Walle task; allowed: walle, the task's own "
                + "scripts and " + new TreeSet<>(Policy.ALLOWED_MODULES));
    }

    private PyModule taskModule(String name) {
        PyModule m = taskModules.get(name);
        if (m != null) {
            return m;
        }
        String file = name + ".py";
        if (!pkg.fileNames().contains(file)) {
            throw Py.ImportError("no module named " + name + " in the task package");
        }
        PyStringMap g = newTaskGlobals(name, file);
        m = new PyModule(name, g);
        taskModules.put(name, m);
        try {
            Py.runCode(compile(file), g, g);
        } catch (RuntimeException e) {
            taskModules.remove(name);
            throw e;
        }
        return m;
    }
}
