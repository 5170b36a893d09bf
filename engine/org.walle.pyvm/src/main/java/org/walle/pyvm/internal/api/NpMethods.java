package org.walle.pyvm.internal.api;

import java.util.List;

import org.python.core.Py;
import org.python.core.PyList;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyTuple;

/** The methods of {@code walle.np.ndarray}, bound to one array at lookup time. */
final class NpMethods {
    private static final List<String> NAMES = List.of("argmax", "argmin", "astype", "copy", "flatten", "item", "max",
            "mean", "min", "reshape", "sum", "tolist", "transpose", "dtype", "ndim", "shape", "size", "T");

    private NpMethods() {
    }

    static PyObject dir() {
        PyList l = new PyList();
        NAMES.forEach(n -> l.append(new PyString(n)));
        return l;
    }

    static PyObject method(PyArray self, String name) {
        NdArray a = self.a;
        return switch (name) {
            case "reshape" -> JFunction.of("reshape", "a.reshape(shape) or a.reshape(d0, d1, ...)",
                    args -> new PyArray(a.reshape(shapeArgs(args))));
            case "transpose" -> JFunction.of("transpose", "a.transpose(axes=None)", args -> new PyArray(
                    ArrayMath.transpose(a, args.count() == 0 ? null : shapeArgs(args))));
            case "flatten" -> JFunction.of("flatten", "a copy as 1-D",
                    args -> new PyArray(a.reshape(new int[] {a.size()})));
            case "copy" -> JFunction.of("copy", "a copy", args -> new PyArray(a.reshape(a.shape)));
            case "tolist" -> JFunction.of("tolist", "nested Python lists", args -> Values.toPython(self));
            case "item" -> JFunction.of("item", "the single value as a Python number", args -> {
                if (a.size() != 1) {
                    throw Py.ValueError("can only convert an array of size 1 to a Python scalar");
                }
                return Values.scalar(a.data[0], a.integer);
            });
            case "astype" -> JFunction.of("astype", "astype('float32'|'int64')", args -> astype(a,
                    args.expect("dtype").required(0, "dtype").toString()));
            case "sum", "mean", "max", "min", "argmax", "argmin" -> JFunction.of(name,
                    "a." + name + "(axis=None, keepdims=False)", args -> NpModule.reduce(a,
                            args.expect("axis", "keepdims"), 0, ArrayMath.Reduction.valueOf(name.toUpperCase())));
            default -> null;
        };
    }

    static PyObject astype(NdArray a, String dtype) {
        return switch (dtype) {
            case "float32", "float", "float64" -> new PyArray(new NdArray(a.data.clone(), a.shape.clone(), false));
            case "int64", "int32", "int", "uint8" -> {
                float[] d = new float[a.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) (long) a.data[i];
                }
                yield new PyArray(new NdArray(d, a.shape.clone(), true));
            }
            default -> throw Py.TypeError("unsupported dtype '" + dtype + "' (use float32 or int64)");
        };
    }

    /** A shape from (d0, d1, ...) positional ints or one tuple/list argument. */
    static int[] shapeArgs(Args args) {
        if (args.count() == 1 && !(args.get(0, "shape") instanceof org.python.core.PyInteger)) {
            return shape(args.get(0, "shape"));
        }
        int[] s = new int[args.count()];
        for (int i = 0; i < s.length; i++) {
            s[i] = args.get(i, "d" + i).asInt();
        }
        return s;
    }

    static int[] shape(PyObject o) {
        if (o instanceof org.python.core.PyInteger || o instanceof org.python.core.PyLong) {
            return new int[] {o.asInt()};
        }
        if (o instanceof PyTuple || o instanceof PyList) {
            int n = o.__len__();
            int[] s = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = o.__getitem__(i).asInt();
            }
            return s;
        }
        throw Py.TypeError("a shape must be an int or a tuple of ints, got " + o.getType().fastGetName());
    }
}
