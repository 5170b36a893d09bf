package org.walle.pyvm.internal.api;

import java.util.ArrayList;
import java.util.List;

import org.python.core.Py;
import org.python.core.PyInteger;
import org.python.core.PyLong;
import org.python.core.PyObject;
import org.python.core.PySlice;
import org.python.core.PyTuple;

/**
 * Basic NumPy indexing: integers (negative from the end), slices with steps, {@code ...} and tuples of them.
 * The selection is a strided view (offset, shape, strides) that get copies out and set writes into.
 */
final class Indexer {
    final int offset;
    final int[] shape;
    final int[] strides;

    private Indexer(int offset, int[] shape, int[] strides) {
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    static Indexer of(NdArray a, PyObject key) {
        PyObject[] items = key instanceof PyTuple t ? t.getArray() : new PyObject[] {key};
        int ellipsis = -1;
        for (int i = 0; i < items.length; i++) {
            if (items[i] == Py.Ellipsis) {
                if (ellipsis >= 0) {
                    throw Py.IndexError("an index can only have a single ellipsis ('...')");
                }
                ellipsis = i;
            }
        }
        int explicit = items.length - (ellipsis >= 0 ? 1 : 0);
        if (explicit > a.rank()) {
            throw Py.IndexError("too many indices for array of rank " + a.rank() + ": " + items.length + " given");
        }
        List<PyObject> full = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            if (i == ellipsis) {
                for (int k = 0; k < a.rank() - explicit; k++) {
                    full.add(new PySlice());
                }
            } else {
                full.add(items[i]);
            }
        }
        while (full.size() < a.rank()) {
            full.add(new PySlice());
        }
        int[] st = NdArray.strides(a.shape);
        int offset = 0;
        List<Integer> shape = new ArrayList<>();
        List<Integer> strides = new ArrayList<>();
        for (int d = 0; d < a.rank(); d++) {
            PyObject it = full.get(d);
            int n = a.shape[d];
            if (it instanceof PySlice s) {
                int[] ix = s.indicesEx(n);
                offset += ix[0] * st[d];
                shape.add(ix[3]);
                strides.add(ix[2] * st[d]);
            } else if (it instanceof PyInteger || it instanceof PyLong) {
                int i = it.asInt();
                int j = i < 0 ? i + n : i;
                if (j < 0 || j >= n) {
                    throw Py.IndexError("index " + i + " is out of bounds for axis " + d + " with size " + n);
                }
                offset += j * st[d];
            } else {
                throw Py.IndexError("only integers, slices and '...' are valid indices, got "
                        + it.getType().fastGetName());
            }
        }
        return new Indexer(offset, shape.stream().mapToInt(Integer::intValue).toArray(),
                strides.stream().mapToInt(Integer::intValue).toArray());
    }

    NdArray get(NdArray a) {
        float[] z = new float[NdArray.size(shape)];
        ArrayMath.gather(a.data, offset, shape, strides, z);
        return new NdArray(z, shape, a.integer);
    }

    /** Writes value (broadcast to the selection's shape) into a. */
    void set(NdArray a, NdArray value) {
        int[] vs = ArrayMath.broadcastStrides(value.shape, shape);
        if (!java.util.Arrays.equals(ArrayMath.broadcastShape(value.shape, shape), shape)) {
            throw Py.ValueError("cannot assign an array of shape " + java.util.Arrays.toString(value.shape)
                    + " to a selection of shape " + java.util.Arrays.toString(shape));
        }
        int n = NdArray.size(shape);
        int[] idx = new int[shape.length];
        int pos = offset;
        int vpos = 0;
        for (int i = 0; i < n; i++) {
            a.data[pos] = value.data[vpos];
            for (int d = shape.length - 1; d >= 0; d--) {
                idx[d]++;
                pos += strides[d];
                vpos += vs[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                pos -= strides[d] * shape[d];
                vpos -= vs[d] * shape[d];
                idx[d] = 0;
            }
        }
    }
}
