package org.walle.pyvm.internal.api;

import java.util.Arrays;

import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * A dense row-major float array with a shape: the Java side of {@code walle.np.ndarray}. {@code integer} marks
 * index-valued arrays (argmax, top-k indices, int inputs); they hold exact integers up to 2^24.
 */
public final class NdArray {
    final float[] data;
    final int[] shape;
    final boolean integer;

    NdArray(float[] data, int[] shape, boolean integer) {
        if (size(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size(shape)
                    + " values, got " + data.length);
        }
        this.data = data;
        this.shape = shape;
        this.integer = integer;
    }

    static NdArray of(float[] data, int... shape) {
        return new NdArray(data, shape, false);
    }

    static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("array of shape " + Arrays.toString(shape) + " is too large");
            }
        }
        return (int) n;
    }

    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** A copy of the values, row-major. */
    public float[] data() {
        return data.clone();
    }

    public int[] shape() {
        return shape.clone();
    }

    int rank() {
        return shape.length;
    }

    int size() {
        return data.length;
    }

    int axis(int axis) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for an array of rank " + shape.length);
        }
        return a;
    }

    NdArray reshape(int[] newShape) {
        int[] s = newShape.clone();
        int unknown = -1;
        int known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("only one dimension may be -1");
                }
                unknown = i;
            } else {
                known *= s[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || data.length % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + data.length + " values into "
                        + Arrays.toString(newShape));
            }
            s[unknown] = data.length / known;
        }
        if (size(s) != data.length) {
            throw new IllegalArgumentException("cannot reshape array of shape " + Arrays.toString(shape) + " into "
                    + Arrays.toString(newShape));
        }
        return new NdArray(data.clone(), s, integer);
    }

    Tensor toTensor() {
        long[] dims = new long[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape[i];
        }
        if (integer) {
            long[] l = new long[data.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = (long) data[i];
            }
            return Tensor.ofLongs(Shape.of(dims), l);
        }
        return Tensor.of(Shape.of(dims), data.clone());
    }

    static NdArray fromTensor(Tensor t) {
        Shape s = t.getShape();
        int[] shape = new int[s.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) s.get(i);
        }
        float[] d = new float[t.size()];
        boolean integer = t.getDType() != DType.FLOAT32 && t.getDType() != DType.FLOAT16;
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) t.getDouble(i);
        }
        return new NdArray(d, shape, integer);
    }
}
