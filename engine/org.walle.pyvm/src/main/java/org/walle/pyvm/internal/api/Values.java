package org.walle.pyvm.internal.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.python.core.Py;
import org.python.core.PyBoolean;
import org.python.core.PyDictionary;
import org.python.core.PyFloat;
import org.python.core.PyInteger;
import org.python.core.PyList;
import org.python.core.PyLong;
import org.python.core.PyObject;
import org.python.core.PySequenceList;
import org.python.core.PyString;
import org.python.core.PyTuple;
import org.python.core.PyUnicode;
import org.walle.engine.tensor.Tensor;
import org.walle.pyvm.TriggerEvent;

/**
 * Conversions between Python values and the Java values the VM's API speaks (JSON-like values, byte strings,
 * tensors). Only these types cross the boundary: arbitrary Java objects never reach a script.
 */
public final class Values {
    private Values() {
    }

    public static PyObject toPy(Object v) {
        if (v == null) {
            return Py.None;
        }
        if (v instanceof Boolean b) {
            return b ? Py.True : Py.False;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return Py.newInteger(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return new PyFloat(n.doubleValue());
        }
        if (v instanceof String s) {
            return Py.newStringOrUnicode(s);
        }
        if (v instanceof byte[] b) {
            return new PyString(new String(b, StandardCharsets.ISO_8859_1));
        }
        if (v instanceof Tensor t) {
            return new PyArray(NdArray.fromTensor(t));
        }
        if (v instanceof float[] f) {
            return new PyArray(NdArray.of(f.clone(), f.length));
        }
        if (v instanceof TriggerEvent e) {
            PyDictionary d = new PyDictionary();
            d.__setitem__("event_id", toPy(e.eventId()));
            d.__setitem__("page_id", toPy(e.pageId()));
            d.__setitem__("timestamp", toPy(e.timestampMillis()));
            d.__setitem__("args", toPy(e.args()));
            return d;
        }
        if (v instanceof List<?> l) {
            PyList out = new PyList();
            l.forEach(x -> out.append(toPy(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            PyDictionary d = new PyDictionary();
            m.forEach((k, x) -> d.__setitem__(toPy(String.valueOf(k)), toPy(x)));
            return d;
        }
        throw new IllegalArgumentException("a " + v.getClass().getSimpleName() + " cannot be passed to a task");
    }

    /** Python value to a JSON-like Java value (ndarray becomes an engine Tensor). */
    public static Object toJava(PyObject v) {
        return toJava(v, 0);
    }

    private static Object toJava(PyObject v, int depth) {
        if (depth > 100) {
            throw Py.ValueError("value nested deeper than 100 levels");
        }
        if (v == null || v == Py.None) {
            return null;
        }
        if (v instanceof PyBoolean b) {
            return b.getBooleanValue();
        }
        if (v instanceof PyInteger || v instanceof PyLong) {
            return v.asLong();
        }
        if (v instanceof PyFloat f) {
            return f.getValue();
        }
        if (v instanceof PyUnicode || v instanceof PyString) {
            return v.toString();
        }
        if (v instanceof PyArray a) {
            return a.a.toTensor();
        }
        if (v instanceof PyList || v instanceof PyTuple) {
            List<Object> out = new ArrayList<>();
            for (PyObject x : v.asIterable()) {
                out.add(toJava(x, depth + 1));
            }
            return out;
        }
        if (v instanceof PyDictionary d) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (PyObject k : d.keys().asIterable()) {
                if (!(k instanceof PyString)) {
                    throw Py.TypeError("dictionary keys must be strings, got " + k.getType().fastGetName());
                }
                out.put(k.toString(), toJava(d.__getitem__(k), depth + 1));
            }
            return out;
        }
        throw Py.TypeError("cannot pass a " + v.getType().fastGetName()
                + " out of a task (use None, bool, int, float, str, list, tuple, dict or ndarray)");
    }

    static PyTuple shapeTuple(int[] shape) {
        PyObject[] dims = new PyObject[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = Py.newInteger(shape[i]);
        }
        return new PyTuple(dims);
    }

    static PyObject scalar(float v, boolean integer) {
        return integer ? Py.newInteger((long) v) : new PyFloat(v);
    }

    /** Array, number or nested list to an NdArray; null when the value is none of these. */
    static NdArray toArrayOrNull(PyObject o) {
        if (o instanceof PyArray p) {
            return p.a;
        }
        if (o instanceof PyBoolean || o instanceof PyInteger || o instanceof PyLong) {
            return new NdArray(new float[] {(float) o.asDouble()}, new int[0], true);
        }
        if (o instanceof PyFloat) {
            return new NdArray(new float[] {(float) o.asDouble()}, new int[0], false);
        }
        if (o instanceof PySequenceList && !(o instanceof PyString)) {
            return fromNested(o);
        }
        return null;
    }

    static NdArray toArray(PyObject o) {
        NdArray a = toArrayOrNull(o);
        if (a == null) {
            throw Py.TypeError("expected an ndarray, a number or a (nested) list of numbers, got "
                    + o.getType().fastGetName());
        }
        return a;
    }

    private static NdArray fromNested(PyObject o) {
        List<Integer> shape = new ArrayList<>();
        PyObject cur = o;
        while (cur instanceof PySequenceList s) {
            shape.add(s.__len__());
            if (s.__len__() == 0) {
                break;
            }
            cur = s.__getitem__(0);
        }
        if (cur instanceof PyArray) {
            throw Py.TypeError("nested lists of ndarrays are not supported; use walle.np.stack");
        }
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        float[] data = new float[NdArray.size(dims)];
        boolean[] allInt = {true};
        int[] pos = {0};
        fill(o, 0, dims, data, pos, allInt);
        return new NdArray(data, dims, allInt[0]);
    }

    private static void fill(PyObject o, int depth, int[] dims, float[] data, int[] pos, boolean[] allInt) {
        if (depth == dims.length) {
            if (!(o instanceof PyInteger || o instanceof PyLong || o instanceof PyFloat || o instanceof PyBoolean)) {
                throw Py.ValueError("array elements must be numbers and the nesting rectangular, got "
                        + o.getType().fastGetName() + " at depth " + depth);
            }
            allInt[0] &= !(o instanceof PyFloat);
            data[pos[0]++] = (float) o.asDouble();
            return;
        }
        if (!(o instanceof PySequenceList s) || s.__len__() != dims[depth]) {
            throw Py.ValueError("nested lists are not rectangular: expected length " + dims[depth] + " at depth "
                    + depth);
        }
        for (int i = 0; i < dims[depth]; i++) {
            fill(s.__getitem__(i), depth + 1, dims, data, pos, allInt);
        }
    }

    /** ndarray to nested Python lists (or a number for rank 0). */
    static PyObject toPython(PyArray p) {
        NdArray a = p.a;
        if (a.rank() == 0) {
            return scalar(a.data[0], a.integer);
        }
        return nested(a, 0, 0);
    }

    private static PyObject nested(NdArray a, int depth, int offset) {
        PyList out = new PyList();
        int stride = NdArray.strides(a.shape)[depth];
        for (int i = 0; i < a.shape[depth]; i++) {
            out.append(depth == a.rank() - 1 ? scalar(a.data[offset + i], a.integer)
                    : nested(a, depth + 1, offset + i * stride));
        }
        return out;
    }
}
