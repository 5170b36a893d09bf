package org.walle.engine.tensor;

import java.util.Arrays;

/**
 * A dense float32 tensor in row-major order. Deliberately small: element-wise and linear-algebra work lives in
 * kernels, not here.
 */
public final class Tensor {
    private final Shape shape;
    private final float[] data;

    private Tensor(Shape shape, float[] data) {
        if (shape.size() != data.length) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " elements, got " + data.length);
        }
        this.shape = shape;
        this.data = data;
    }

    public static Tensor of(Shape shape, float... data) {
        return new Tensor(shape, data.clone());
    }

    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, new float[Math.toIntExact(shape.size())]);
    }

    /** Wraps an array without copying; the caller hands over ownership. */
    public static Tensor wrap(Shape shape, float[] data) {
        return new Tensor(shape, data);
    }

    public Shape getShape() {
        return shape;
    }

    public DType getDType() {
        return DType.FLOAT32;
    }

    public float get(int flatIndex) {
        return data[flatIndex];
    }

    /** The backing array; kernels write outputs through it. */
    public float[] buffer() {
        return data;
    }

    public float[] toFloatArray() {
        return data.clone();
    }

    public Tensor reshape(Shape newShape) {
        return new Tensor(newShape, data);
    }

    @Override
    public String toString() {
        int shown = Math.min(data.length, 8);
        return "Tensor" + shape + Arrays.toString(Arrays.copyOf(data, shown)) + (shown < data.length ? "..." : "");
    }
}
