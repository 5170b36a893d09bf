package org.walle.pyvm.internal.vm;

import java.io.File;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.python.core.Py;
import org.python.core.PyCode;
import org.python.core.PyList;
import org.python.core.PyModule;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PySystemState;
import org.python.core.imp;
import org.python.modules.zipimport.zipimporter;
import org.walle.pyvm.internal.api.Args;
import org.walle.pyvm.internal.api.JFunction;

/**
 * A {@code sys.meta_path} importer for the standard library inside the Jython jar that loads each library module's
 * compiled code once per JVM instead of once per interpreter. Jython's own zip importer turns the module's
 * {@code $py.class} into a new JVM class in a new class loader on every import, so every pooled interpreter paid
 * class definition, bytecode verification and cold (never JIT-compiled) module code again: about 150 ms of CPU
 * per interpreter for the allowed modules, which the pool refill spent next to running tasks.
 *
 * <p>Only the code object is shared (immutable, like a compiled task script in {@code ScriptCache}). Every import
 * still creates a fresh module object in the importing interpreter's {@code sys.modules} and runs the module body
 * there, so module state ({@code random}'s generator, {@code re}'s pattern cache) stays per interpreter.
 * Builtin (Java) modules are left to Jython. Library code only: task code never sees this object.
 */
final class SharedLibraryCode extends PyObject {
    private static final long serialVersionUID = 1L;
    /** Upper bound for remembered misses: library code asks for a fixed set of names, this is only a backstop. */
    private static final int MAX_MISSES = 4096;

    /** Compiled module: code, file name as Jython reports it, the package directory for packages. */
    private record Module(PyCode code, String file, String packagePath) {
    }

    private final String libPath;
    private final Map<String, Optional<Module>> modules = new ConcurrentHashMap<>();
    private final Map<String, zipimporter> importers = new ConcurrentHashMap<>();
    private final JFunction findModule = JFunction.of("find_module", "", this::findModule);
    private final JFunction loadModule = JFunction.of("load_module", "", this::loadModule);

    /** @param libPath the standard library directory inside the Jython jar, as on {@code sys.path} */
    SharedLibraryCode(String libPath) {
        this.libPath = libPath;
    }

    String libPath() {
        return libPath;
    }

    /** How many library modules have their code cached (tests). */
    int cachedModules() {
        return (int) modules.values().stream().filter(Optional::isPresent).count();
    }

    @Override
    public PyObject __findattr_ex__(String name) {
        return switch (name) {
            case "find_module" -> findModule;
            case "load_module" -> loadModule;
            default -> super.__findattr_ex__(name);
        };
    }

    private PyObject findModule(Args a) {
        String fullname = a.required(0, "fullname").toString();
        PyObject path = a.get(1, "path");
        return module(fullname, directory(path)).isPresent() ? this : Py.None;
    }

    private PyObject loadModule(Args a) {
        String fullname = a.required(0, "fullname").toString();
        Optional<Module> found = modules.get(fullname);
        if (found == null || found.isEmpty()) {
            throw Py.ImportError("no library module named " + fullname);
        }
        Module m = found.get();
        // as Jython's zip importer: the module is in sys.modules (and a package has __path__) before its body runs
        PyModule mod = imp.addModule(fullname);
        mod.__dict__.__setitem__("__loader__", this);
        if (m.packagePath() != null) {
            PyList path = new PyList();
            path.append(new PyString(m.packagePath()));
            mod.__dict__.__setitem__("__path__", path);
        }
        return imp.createFromCode(fullname, m.code(), m.file());
    }

    /**
     * The directory to search: the library root for a top-level module, the package directory for a submodule
     * ({@code path} is the parent's {@code __path__}); null when the path is not inside the jar's library.
     */
    private String directory(PyObject path) {
        if (path == null || path == Py.None) {
            return libPath;
        }
        if (path instanceof PyList list && list.size() == 1 && list.pyget(0) instanceof PyString p
                && p.toString().startsWith(libPath)) {
            return p.toString();
        }
        return null;
    }

    private Optional<Module> module(String fullname, String dir) {
        if (dir == null) {
            return Optional.empty();
        }
        Optional<Module> known = modules.get(fullname);
        if (known != null) {
            return known;
        }
        if (isBuiltin(fullname)) { // Jython looks builtin (Java) modules up after meta_path: leave them to it
            return Optional.empty();
        }
        Optional<Module> loaded = compile(fullname, dir);
        if (loaded.isPresent() || modules.size() < MAX_MISSES) {
            Optional<Module> raced = modules.putIfAbsent(fullname, loaded);
            return raced != null ? raced : loaded;
        }
        return loaded;
    }

    private static boolean isBuiltin(String fullname) {
        for (PyObject n : PySystemState.builtin_module_names.asIterable()) {
            if (n.toString().equals(fullname)) {
                return true;
            }
        }
        return false;
    }

    /** Reads and defines the module's code through Jython's zip importer, once per JVM (a miss is rare). */
    private synchronized Optional<Module> compile(String fullname, String dir) {
        Optional<Module> known = modules.get(fullname);
        if (known != null) {
            return known;
        }
        zipimporter zip = importers.computeIfAbsent(dir, zipimporter::new);
        String leaf = fullname.substring(fullname.lastIndexOf('.') + 1);
        if (zip.find_module(leaf) == Py.None) {
            return Optional.empty();
        }
        PyObject code = zip.get_code(leaf);
        if (!(code instanceof PyCode c)) {
            return Optional.empty();
        }
        String file = zip.get_filename(leaf).toString();
        String packagePath = zip.is_package(leaf) ? dir + File.separator + leaf : null; // as Jython's zip importer
        return Optional.of(new Module(c, file, packagePath));
    }
}
