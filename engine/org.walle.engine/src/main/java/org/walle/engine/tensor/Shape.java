package org.walle.engine.tensor;

import java.util.Arrays;

/** An immutable tensor shape. A dimension of -1 is dynamic: it is known only once input shapes are given. */
public final class Shape {
    public static final int DYNAMIC = -1;

    private final long[] dims;

    private Shape(long[] dims) {
        this.dims = dims;
    }

    public static Shape of(long... dims) {
        for (long d : dims) {
            if (d < DYNAMIC) {
                throw new IllegalArgumentException("negative dimension " + d + " in " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    public static Shape scalar() {
        return new Shape(new long[0]);
    }

    public int rank() {
        return dims.length;
    }

    public long get(int axis) {
        return dims[axis < 0 ? axis + dims.length : axis];
    }

    public long[] dims() {
        return dims.clone();
    }

    public boolean isStatic() {
        return Arrays.stream(dims).allMatch(d -> d >= 0);
    }

    /** Number of elements; fails for a dynamic shape. */
    public long size() {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalStateException("shape " + this + " has a dynamic dimension");
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            b.append(i > 0 ? "," : "").append(dims[i] < 0 ? "?" : Long.toString(dims[i]));
        }
        return b.append(']').toString();
    }
}
