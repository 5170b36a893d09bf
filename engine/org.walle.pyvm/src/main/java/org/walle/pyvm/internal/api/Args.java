package org.walle.pyvm.internal.api;

import java.util.Arrays;

import org.python.core.Py;
import org.python.core.PyObject;

/** Positional and keyword arguments of a call, with clear TypeErrors for missing or surplus ones. */
public final class Args {
    private final String function;
    private final PyObject[] args;
    private final String[] keywords;
    private final int positional;

    Args(String function, PyObject[] args, String[] keywords) {
        this.function = function;
        this.args = args;
        this.keywords = keywords == null ? new String[0] : keywords;
        this.positional = args.length - this.keywords.length;
    }

    /** Argument at position i or given by keyword; null when absent. */
    public PyObject get(int i, String name) {
        if (i < positional) {
            return args[i];
        }
        for (int k = 0; k < keywords.length; k++) {
            if (keywords[k].equals(name)) {
                return args[positional + k];
            }
        }
        return null;
    }

    public PyObject required(int i, String name) {
        PyObject v = get(i, name);
        if (v == null) {
            throw Py.TypeError(function + "() missing required argument '" + name + "' (pos " + (i + 1) + ")");
        }
        return v;
    }

    public PyObject get(int i, String name, PyObject dflt) {
        PyObject v = get(i, name);
        return v == null || v == Py.None ? dflt : v;
    }

    public int count() {
        return positional;
    }

    /** Refuses surplus positional arguments and unknown keywords. */
    public Args expect(String... names) {
        if (positional > names.length) {
            throw Py.TypeError(function + "() takes at most " + names.length + " arguments (" + positional + " given)");
        }
        for (String k : keywords) {
            if (!Arrays.asList(names).contains(k)) {
                throw Py.TypeError(function + "() got an unexpected keyword argument '" + k + "'");
            }
        }
        return this;
    }

    public String function() {
        return function;
    }

    public PyObject[] raw() {
        return args;
    }

    public String[] keywords() {
        return keywords;
    }
}
