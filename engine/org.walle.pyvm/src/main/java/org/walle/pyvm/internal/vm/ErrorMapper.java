package org.walle.pyvm.internal.vm;

import java.util.ArrayList;
import java.util.List;

import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.core.PyTraceback;
import org.python.core.PyTuple;
import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskScriptException;

/** Turns a Python exception into a {@link TaskScriptException} naming the task's own file and line. */
public final class ErrorMapper {
    private ErrorMapper() {
    }

    /** Innermost frame of the traceback that is one of the package's scripts: {file, line}, or null. */
    public static Object[] taskLocation(PyException e, TaskPackage pkg) {
        Object[] where = null;
        for (PyObject tb = e.traceback; tb instanceof PyTraceback t; tb = t.tb_next) {
            String file = t.tb_frame == null || t.tb_frame.f_code == null ? null : t.tb_frame.f_code.co_filename;
            if (file != null && pkg.fileNames().contains(file)) {
                where = new Object[] {file, t.tb_lineno};
            }
        }
        return where;
    }

    public static TaskScriptException map(PyException e, TaskPackage pkg) {
        e.normalize();
        String type = PyException.exceptionClassName(e.type);
        type = type.substring(type.lastIndexOf('.') + 1);
        String message = message(e);
        String file = pkg.manifest().entry();
        int line = 0;
        Object[] syntax = syntaxLocation(e);
        Object[] tb = taskLocation(e, pkg);
        if (syntax != null) {
            file = (String) syntax[0];
            line = (Integer) syntax[1];
        } else if (tb != null) {
            file = (String) tb[0];
            line = (Integer) tb[1];
        }
        return new TaskScriptException(pkg.id(), file, line, type, message, traceback(e), e);
    }

    private static String message(PyException e) {
        PyObject v = e.value;
        if (v == null || v == Py.None) {
            return "";
        }
        PyObject args = v.__findattr__("args");
        if (Py.isSubClass(e.type, Py.SyntaxError) && args instanceof PyTuple t && t.size() > 0) {
            return t.pyget(0).toString();
        }
        return v.__str__().toString();
    }

    /** SyntaxError (and SandboxError) carry their own file and line. */
    private static Object[] syntaxLocation(PyException e) {
        if (!Py.isSubClass(e.type, Py.SyntaxError) || e.value == null) {
            return null;
        }
        PyObject f = e.value.__findattr__("filename");
        PyObject l = e.value.__findattr__("lineno");
        if (f == null || f == Py.None || l == null || l == Py.None) {
            return null;
        }
        return new Object[] {f.toString(), l.asInt()};
    }

    private static String traceback(PyException e) {
        List<String> lines = new ArrayList<>();
        for (PyObject tb = e.traceback; tb instanceof PyTraceback t; tb = t.tb_next) {
            String file = t.tb_frame == null || t.tb_frame.f_code == null ? "?" : t.tb_frame.f_code.co_filename;
            String fn = t.tb_frame == null || t.tb_frame.f_code == null ? "?" : t.tb_frame.f_code.co_name;
            lines.add("  File \"" + file + "\", line " + t.tb_lineno + ", in " + fn);
        }
        return "Traceback (most recent call last):\n" + String.join("\n", lines);
    }
}
