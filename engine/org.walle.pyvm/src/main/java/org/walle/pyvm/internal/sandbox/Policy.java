package org.walle.pyvm.internal.sandbox;

import java.util.Set;

/** What task code may use. One place, so docs/pyvm.md and the tests can refer to it. */
public final class Policy {
    /** Standard-library modules task code may import (as read-only facades, see {@link ModuleFacades}). */
    public static final Set<String> ALLOWED_MODULES = Set.of("math", "re", "json", "collections", "itertools",
            "functools", "heapq", "bisect", "random", "string", "time", "datetime");

    /** Builtins that give files, code evaluation or namespace dictionaries: replaced by refusing stubs. */
    public static final Set<String> DENIED_BUILTINS = Set.of("open", "file", "execfile", "reload", "compile", "eval",
            "input", "raw_input", "vars", "globals", "locals", "exit", "quit", "help", "copyright", "credits",
            "license");

    /**
     * Denied builtins a library module's body (never task code, never a library function) may still call without
     * arguments: they answer that module's own namespace.
     */
    public static final Set<String> LIBRARY_NAMESPACE_BUILTINS = Set.of("globals", "locals");

    /** Dunder names task code may write: everything else with leading and trailing "__" is refused. */
    public static final Set<String> ALLOWED_DUNDERS = Set.of("__init__", "__name__", "__doc__", "__str__",
            "__repr__", "__len__", "__iter__", "__next__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__",
            "__hash__", "__contains__", "__getitem__", "__setitem__", "__add__", "__sub__", "__mul__", "__div__",
            "__truediv__", "__enter__", "__exit__", "__call__", "__cmp__", "__nonzero__", "__main__", "__slots__");

    /**
     * Non-dunder attributes that reach frames, globals or code objects (the classic Python sandbox escapes).
     * Prefixes cover the whole families (func_globals, gi_frame, tb_frame, im_self, co_consts...).
     */
    public static final Set<String> DENIED_ATTRIBUTE_PREFIXES = Set.of("func_", "gi_", "tb_", "im_", "co_", "cr_");
    public static final Set<String> DENIED_ATTRIBUTES = Set.of("f_back", "f_globals", "f_locals", "f_builtins",
            "f_code", "f_trace", "f_lasti", "f_lineno", "mro", "cell_contents", "getClass", "class", "argslist");

    /** Attributes refused even to library code reached through getattr (string-built names). */
    public static final Set<String> NEVER = Set.of("__subclasses__", "__globals__", "func_globals", "f_globals", "f_back", "f_builtins", "gi_frame", "tb_frame", "__builtins__",
            "__code__", "func_code", "getClass", "argslist");

    private Policy() {
    }

    /** Why task code may not use this attribute name, or null when it may. */
    public static String deniedAttribute(String name) {
        if (name.startsWith("__") && name.endsWith("__") && !ALLOWED_DUNDERS.contains(name)) {
            return "attribute '" + name + "' is not available in a Walle task (no introspection)";
        }
        if (DENIED_ATTRIBUTES.contains(name)) {
            return "attribute '" + name + "' is not available in a Walle task (no reflection)";
        }
        for (String p : DENIED_ATTRIBUTE_PREFIXES) {
            if (name.startsWith(p)) {
                return "attribute '" + name + "' is not available in a Walle task (no frames, globals or code objects)";
            }
        }
        return null;
    }

    /** Why task code may not refer to this bare name, or null when it may. */
    public static String deniedName(String name) {
        if (name.startsWith("__") && name.endsWith("__") && !ALLOWED_DUNDERS.contains(name)
                && !name.equals("__file__")) {
            return "name '" + name + "' is not available in a Walle task";
        }
        return null;
    }
}
