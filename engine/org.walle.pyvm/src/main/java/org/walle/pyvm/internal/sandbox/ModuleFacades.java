package org.walle.pyvm.internal.sandbox;

import java.util.Map;
import java.util.Set;

import org.python.core.PyBuiltinFunction;
import org.python.core.PyFunction;
import org.python.core.PyInstance;
import org.python.core.PyJavaPackage;
import org.python.core.PyModule;
import org.python.core.PyObject;
import org.python.core.PyReflectedFunction;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.python.core.PySystemState;
import org.python.core.PyType;
import org.python.core.PyJavaType;
import org.walle.pyvm.internal.api.JFunction;

/**
 * Builds the module a task sees for an allowed standard-library module: a fresh per-task copy holding only public
 * names, without module references ({@code collections._sys}, {@code re.sys}), Java classes
 * ({@code datetime.Calendar}), Java object methods ({@code math.getClass}) or Jython's reflected-function objects
 * (which expose {@code argslist}); Java-implemented functions are wrapped as opaque callables. Because the copy is
 * per task, {@code math.pi = 3} in one task cannot change another task's {@code math} (Jython shares
 * Java-implemented modules between interpreters).
 */
public final class ModuleFacades {
    private static final Set<String> JAVA_OBJECT_METHODS = Set.of("getClass", "hashCode", "equals", "notify",
            "notifyAll", "wait", "toString", "classDictInit", "class", "parseTimeDoubleArg", "locale_asctime");
    /** Public names that still hand out objects through attribute strings (string.Formatter.get_field). */
    private static final Map<String, Set<String>> EXCLUDED = Map.of("string", Set.of("Formatter"));

    private ModuleFacades() {
    }

    public static PyModule facade(String name, PyObject real) {
        PyStringMap dict = new PyStringMap();
        dict.__setitem__("__name__", new PyString(name));
        Set<String> excluded = EXCLUDED.getOrDefault(name, Set.of());
        for (PyObject key : real.__dir__().asIterable()) {
            String k = key.toString();
            if (k.startsWith("_") || JAVA_OBJECT_METHODS.contains(k) || excluded.contains(k)) {
                continue;
            }
            PyObject v;
            try {
                v = real.__findattr__(k);
            } catch (RuntimeException e) {
                continue;
            }
            PyObject safe = v == null ? null : safeValue(name + "." + k, v);
            if (safe != null) {
                dict.__setitem__(k, safe);
            }
        }
        return new PyModule(name, dict);
    }

    /** The value to expose, or null to leave it out. */
    static PyObject safeValue(String qualifiedName, PyObject v) {
        if (v instanceof PyModule || v instanceof PyJavaPackage || v instanceof PySystemState
                || v instanceof PyJavaType || v instanceof PyInstance) {
            return null;
        }
        if (v instanceof PyReflectedFunction) {
            return JFunction.opaque(qualifiedName, v);
        }
        if (v instanceof PyType || v instanceof PyFunction || v instanceof PyBuiltinFunction) {
            return v;
        }
        // Java objects surfaced by Jython carry a Java type: never hand them out
        if (v.getType() instanceof PyJavaType) {
            return null;
        }
        return v;
    }
}
