package org.walle.pyvm.internal.api;

import java.util.function.DoubleUnaryOperator;

import org.python.core.Py;
import org.python.core.PyModule;
import org.python.core.PyObject;
import org.python.core.PyStringMap;
import org.python.core.PyTuple;

/** {@code walle.np}: a NumPy-like API whose arithmetic runs in Java ({@link ArrayMath}). */
final class NpModule {
    private NpModule() {
    }

    static PyModule create() {
        PyStringMap d = new PyStringMap();
        put(d, "array", "array(nested list | number | ndarray) -> ndarray", a -> new PyArray(
                copy(Values.toArray(a.expect("object", "dtype").required(0, "object")), a.get(1, "dtype"))));
        put(d, "asarray", "like array", a -> a.required(0, "object") instanceof PyArray p ? p
                : new PyArray(Values.toArray(a.required(0, "object"))));
        put(d, "zeros", "zeros(shape)", a -> filled(a, 0f));
        put(d, "ones", "ones(shape)", a -> filled(a, 1f));
        put(d, "full", "full(shape, value)", a -> filled(a, (float) a.required(1, "fill_value").asDouble()));
        put(d, "arange", "arange([start,] stop[, step])", NpModule::arange);
        put(d, "linspace", "linspace(start, stop, num=50)", NpModule::linspace);
        put(d, "reshape", "reshape(a, shape)", a -> new PyArray(arr(a, 0).reshape(NpMethods.shape(a.required(1,
                "shape")))));
        put(d, "transpose", "transpose(a, axes=None)", a -> new PyArray(ArrayMath.transpose(arr(a, 0),
                a.get(1, "axes") == null || a.get(1, "axes") == Py.None ? null : NpMethods.shape(a.get(1, "axes")))));
        put(d, "matmul", "matmul(a, b)", a -> new PyArray(ArrayMath.matmul(arr(a, 0), arr(a, 1))));
        put(d, "dot", "dot(a, b) (matmul for rank <= 2)", a -> new PyArray(ArrayMath.matmul(arr(a, 0), arr(a, 1))));
        put(d, "add", "add(a, b)", a -> binary(a, (x, y) -> x + y, true));
        put(d, "subtract", "subtract(a, b)", a -> binary(a, (x, y) -> x - y, true));
        put(d, "multiply", "multiply(a, b)", a -> binary(a, (x, y) -> x * y, true));
        put(d, "divide", "divide(a, b)", a -> binary(a, (x, y) -> x / y, false));
        put(d, "maximum", "maximum(a, b)", a -> binary(a, Math::max, true));
        put(d, "minimum", "minimum(a, b)", a -> binary(a, Math::min, true));
        put(d, "power", "power(a, b)", a -> binary(a, (x, y) -> (float) Math.pow(x, y), false));
        unary(d, "exp", Math::exp);
        unary(d, "log", Math::log);
        unary(d, "sqrt", Math::sqrt);
        unary(d, "tanh", Math::tanh);
        unary(d, "abs", Math::abs);
        unary(d, "sigmoid", x -> 1 / (1 + Math.exp(-x)));
        unary(d, "relu", x -> Math.max(0, x));
        put(d, "clip", "clip(a, lo, hi)", a -> {
            float lo = (float) a.required(1, "a_min").asDouble();
            float hi = (float) a.required(2, "a_max").asDouble();
            return new PyArray(ArrayMath.unary(arr(a, 0), x -> Math.min(hi, Math.max(lo, x))));
        });
        for (ArrayMath.Reduction r : ArrayMath.Reduction.values()) {
            String name = r.name().toLowerCase();
            put(d, name, name + "(a, axis=None, keepdims=False)", a -> reduce(arr(a.expect("a", "axis", "keepdims"),
                    0), a, 1, r));
        }
        put(d, "softmax", "softmax(a, axis=-1)", a -> new PyArray(ArrayMath.softmax(arr(a.expect("a", "axis"), 0),
                a.get(1, "axis", Py.newInteger(-1)).asInt())));
        put(d, "topk", "topk(a, k) -> (values, indices) of the k largest along the last axis, descending", a -> {
            NdArray[] r = ArrayMath.topk(arr(a.expect("a", "k"), 0), a.required(1, "k").asInt());
            return new PyTuple(new PyArray(r[0]), new PyArray(r[1]));
        });
        put(d, "concatenate", "concatenate([a, b, ...], axis=0)", NpModule::concatenate);
        put(d, "isarray", "isarray(x) -> whether x is a walle.np ndarray",
                a -> a.required(0, "x") instanceof PyArray ? Py.True : Py.False);
        d.__setitem__("float32", Py.newString("float32"));
        d.__setitem__("int64", Py.newString("int64"));
        d.__setitem__("pi", Py.newFloat(Math.PI));
        return new PyModule("walle.np", d);
    }

    static void put(PyStringMap d, String name, String doc, java.util.function.Function<Args, PyObject> f) {
        d.__setitem__(name, JFunction.of(name, doc, f));
    }

    private static void unary(PyStringMap d, String name, DoubleUnaryOperator f) {
        put(d, name, name + "(a) element-wise", a -> new PyArray(ArrayMath.unary(arr(a, 0), f)));
    }

    static NdArray arr(Args a, int i) {
        return Values.toArray(a.required(i, i == 0 ? "a" : "b"));
    }

    private static NdArray copy(NdArray a, PyObject dtype) {
        NdArray c = new NdArray(a.data.clone(), a.shape.clone(), a.integer);
        return dtype == null || dtype == Py.None ? c : ((PyArray) NpMethods.astype(c, dtype.toString())).a;
    }

    private static PyObject binary(Args a, ArrayMath.BinaryOp op, boolean keepInt) {
        NdArray x = arr(a, 0);
        NdArray y = arr(a, 1);
        return new PyArray(ArrayMath.binary(x, y, op, keepInt && x.integer && y.integer));
    }

    private static PyObject filled(Args a, float v) {
        int[] shape = NpMethods.shape(a.required(0, "shape"));
        float[] data = new float[NdArray.size(shape)];
        java.util.Arrays.fill(data, v);
        return new PyArray(new NdArray(data, shape, false));
    }

    static PyObject reduce(NdArray x, Args a, int axisPos, ArrayMath.Reduction r) {
        PyObject axis = a.get(axisPos, "axis");
        boolean keep = a.get(axisPos + 1, "keepdims", Py.False).__nonzero__();
        NdArray out = ArrayMath.reduce(x, axis == null || axis == Py.None ? null : axis.asInt(), keep, r);
        return out.rank() == 0 ? Values.scalar(out.data[0], out.integer) : new PyArray(out);
    }

    private static PyObject arange(Args a) {
        double start = 0;
        double stop;
        double step = 1;
        if (a.count() == 1) {
            stop = a.required(0, "stop").asDouble();
        } else {
            start = a.required(0, "start").asDouble();
            stop = a.required(1, "stop").asDouble();
            step = a.get(2, "step", Py.One).asDouble();
        }
        if (step == 0) {
            throw Py.ValueError("arange: step must not be 0");
        }
        int n = (int) Math.max(0, Math.ceil((stop - start) / step));
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) (start + i * step);
        }
        boolean integer = a.raw().length > 0 && java.util.Arrays.stream(a.raw())
                .allMatch(o -> o instanceof org.python.core.PyInteger);
        return new PyArray(new NdArray(d, new int[] {n}, integer));
    }

    private static PyObject linspace(Args a) {
        double start = a.required(0, "start").asDouble();
        double stop = a.required(1, "stop").asDouble();
        int n = a.get(2, "num", Py.newInteger(50)).asInt();
        float[] d = new float[Math.max(n, 0)];
        for (int i = 0; i < n; i++) {
            d[i] = (float) (n == 1 ? start : start + (stop - start) * i / (n - 1));
        }
        return new PyArray(NdArray.of(d, d.length));
    }

    private static PyObject concatenate(Args a) {
        PyObject seq = a.required(0, "arrays");
        int axisArg = a.get(1, "axis", Py.Zero).asInt();
        java.util.List<NdArray> parts = new java.util.ArrayList<>();
        for (PyObject o : seq.asIterable()) {
            parts.add(Values.toArray(o));
        }
        if (parts.isEmpty()) {
            throw Py.ValueError("need at least one array to concatenate");
        }
        NdArray first = parts.get(0);
        int ax = first.axis(axisArg);
        int[] shape = first.shape.clone();
        shape[ax] = 0;
        for (NdArray p : parts) {
            if (p.rank() != first.rank()) {
                throw Py.ValueError("all arrays must have the same rank");
            }
            for (int i = 0; i < p.rank(); i++) {
                if (i != ax && p.shape[i] != first.shape[i]) {
                    throw Py.ValueError("shapes differ outside the concatenation axis");
                }
            }
            shape[ax] += p.shape[ax];
        }
        int outer = 1;
        for (int i = 0; i < ax; i++) {
            outer *= shape[i];
        }
        float[] z = new float[NdArray.size(shape)];
        int pos = 0;
        for (int o = 0; o < outer; o++) {
            for (NdArray p : parts) {
                int chunk = p.size() / Math.max(outer, 1);
                System.arraycopy(p.data, o * chunk, z, pos, chunk);
                pos += chunk;
            }
        }
        boolean integer = parts.stream().allMatch(p -> p.integer);
        return new PyArray(new NdArray(z, shape, integer));
    }
}
