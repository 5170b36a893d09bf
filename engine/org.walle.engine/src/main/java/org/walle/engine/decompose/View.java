package org.walle.engine.decompose;

import java.util.Arrays;

/** An addressing of a tensor's flat storage: element {@code (z,y,x)} sits at {@code offset + z*s0 + y*s1 + x*s2}. */
public record View(int offset, int[] stride) {
    public View {
        if (stride.length != 3) {
            throw new IllegalArgumentException("a view has 3 strides, got " + Arrays.toString(stride));
        }
        stride = stride.clone();
    }

    public static View of(int offset, int s0, int s1, int s2) {
        return new View(offset, new int[] {s0, s1, s2});
    }

    public int index(int z, int y, int x) {
        return offset + z * stride[0] + y * stride[1] + x * stride[2];
    }

    @Override
    public int[] stride() {
        return stride.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof View v && v.offset == offset && Arrays.equals(v.stride, stride);
    }

    @Override
    public int hashCode() {
        return 31 * offset + Arrays.hashCode(stride);
    }

    @Override
    public String toString() {
        return "{off=" + offset + ", stride=" + Arrays.toString(stride) + "}";
    }
}
