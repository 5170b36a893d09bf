package org.walle.pyvm.internal.api;

import java.util.Arrays;

import org.python.core.Py;
import org.python.core.PyFloat;
import org.python.core.PyList;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyTuple;

/**
 * {@code walle.np.ndarray} as scripts see it. It reports type {@code object} and answers attribute lookups itself,
 * so no Java method of this class (and no {@code getClass()}) is reachable from Python.
 */
public final class PyArray extends PyObject {
    final NdArray a;

    PyArray(NdArray a) {
        super(PyObject.TYPE);
        this.a = a;
    }

    public NdArray array() {
        return a;
    }

    @Override
    public PyObject __findattr_ex__(String name) {
        return switch (name) {
            case "shape" -> Values.shapeTuple(a.shape);
            case "ndim" -> Py.newInteger(a.rank());
            case "size" -> Py.newInteger(a.size());
            case "dtype" -> new PyString(a.integer ? "int64" : "float32");
            case "T" -> new PyArray(ArrayMath.transpose(a, null));
            default -> NpMethods.method(this, name);
        };
    }

    @Override
    public void __setattr__(String name, PyObject value) {
        throw Py.AttributeError("ndarray attributes are read-only ('" + name + "')");
    }

    @Override
    public PyObject __dir__() {
        return NpMethods.dir();
    }

    @Override
    public int __len__() {
        if (a.rank() == 0) {
            throw Py.TypeError("len() of unsized object");
        }
        return a.shape[0];
    }

    @Override
    public PyObject __getitem__(PyObject key) {
        NdArray r = guard(() -> Indexer.of(a, key).get(a));
        return r.rank() == 0 ? Values.scalar(r.data[0], r.integer) : new PyArray(r);
    }

    @Override
    public void __setitem__(PyObject key, PyObject value) {
        guard(() -> {
            Indexer.of(a, key).set(a, Values.toArray(value));
            return null;
        });
    }

    @Override
    public PyObject __iter__() {
        PyList items = new PyList();
        for (int i = 0; i < __len__(); i++) {
            items.append(__getitem__(Py.newInteger(i)));
        }
        return items.__iter__();
    }

    /** Java errors of the array math become Python ValueErrors: no Java exception object reaches a script. */
    static <T> T guard(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (org.python.core.PyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Py.ValueError(String.valueOf(e.getMessage()));
        }
    }

    private PyObject bin(PyObject o, ArrayMath.BinaryOp op, boolean swap, boolean keepInt) {
        return guard(() -> bin0(o, op, swap, keepInt));
    }

    private PyObject bin0(PyObject o, ArrayMath.BinaryOp op, boolean swap, boolean keepInt) {
        NdArray b = Values.toArrayOrNull(o);
        if (b == null) {
            return null;
        }
        NdArray x = swap ? b : a;
        NdArray y = swap ? a : b;
        return new PyArray(ArrayMath.binary(x, y, op, keepInt && x.integer && y.integer));
    }

    @Override
    public PyObject __add__(PyObject o) {
        return bin(o, (x, y) -> x + y, false, true);
    }

    @Override
    public PyObject __radd__(PyObject o) {
        return bin(o, (x, y) -> x + y, true, true);
    }

    @Override
    public PyObject __sub__(PyObject o) {
        return bin(o, (x, y) -> x - y, false, true);
    }

    @Override
    public PyObject __rsub__(PyObject o) {
        return bin(o, (x, y) -> x - y, true, true);
    }

    @Override
    public PyObject __mul__(PyObject o) {
        return bin(o, (x, y) -> x * y, false, true);
    }

    @Override
    public PyObject __rmul__(PyObject o) {
        return bin(o, (x, y) -> x * y, true, true);
    }

    @Override
    public PyObject __div__(PyObject o) {
        return bin(o, (x, y) -> x / y, false, false);
    }

    @Override
    public PyObject __rdiv__(PyObject o) {
        return bin(o, (x, y) -> x / y, true, false);
    }

    @Override
    public PyObject __truediv__(PyObject o) {
        return __div__(o);
    }

    @Override
    public PyObject __rtruediv__(PyObject o) {
        return __rdiv__(o);
    }

    @Override
    public PyObject __pow__(PyObject o, PyObject modulo) {
        return bin(o, (x, y) -> (float) Math.pow(x, y), false, false);
    }

    @Override
    public PyObject __gt__(PyObject o) {
        return bin(o, (x, y) -> x > y ? 1 : 0, false, false);
    }

    @Override
    public PyObject __lt__(PyObject o) {
        return bin(o, (x, y) -> x < y ? 1 : 0, false, false);
    }

    @Override
    public PyObject __ge__(PyObject o) {
        return bin(o, (x, y) -> x >= y ? 1 : 0, false, false);
    }

    @Override
    public PyObject __le__(PyObject o) {
        return bin(o, (x, y) -> x <= y ? 1 : 0, false, false);
    }

    @Override
    public PyObject __neg__() {
        return new PyArray(ArrayMath.binary(a, NdArray.of(new float[] {-1f}), (x, y) -> x * y, a.integer));
    }

    @Override
    public PyObject __abs__() {
        return new PyArray(ArrayMath.unary(a, Math::abs));
    }

    @Override
    public boolean __nonzero__() {
        if (a.size() != 1) {
            throw Py.ValueError("the truth value of an array with more than one element is ambiguous");
        }
        return a.data[0] != 0;
    }

    @Override
    public PyFloat __float__() {
        if (a.size() != 1) {
            throw Py.TypeError("only size-1 arrays can be converted to float");
        }
        return new PyFloat(a.data[0]);
    }

    @Override
    public PyObject __int__() {
        if (a.size() != 1) {
            throw Py.TypeError("only size-1 arrays can be converted to int");
        }
        return Py.newInteger((long) a.data[0]);
    }

    @Override
    public PyString __repr__() {
        return new PyString(toString());
    }

    @Override
    public PyString __str__() {
        return __repr__();
    }

    @Override
    public String toString() {
        String body = a.size() <= 64 ? Values.toPython(this).__repr__().toString()
                : "[" + a.size() + " values]";
        return "array(" + body + ", shape=" + Arrays.toString(a.shape).replace('[', '(').replace(']', ')')
                + ", dtype=" + (a.integer ? "int64" : "float32") + ")";
    }

    PyTuple shapeTuple() {
        return Values.shapeTuple(a.shape);
    }
}
