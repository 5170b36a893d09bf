package org.walle.engine.tensor;

import java.util.Arrays;

/**
 * A dense tensor in row-major order. Storage is one primitive array chosen by the dtype: {@code float[]} for
 * FLOAT32, {@code short[]} (IEEE half bits) for FLOAT16, {@code byte[]} for INT8, UINT8 and BOOL, {@code int[]} for
 * INT32 and {@code long[]} for INT64. Deliberately small: kernels and conversions live elsewhere ({@link Casts}).
 */
public final class Tensor {
    private final Shape shape;
    private final DType dtype;
    private final Object storage;

    private Tensor(Shape shape, DType dtype, Object storage) {
        int length = java.lang.reflect.Array.getLength(storage);
        if (shape.size() != length) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " elements, got " + length);
        }
        if (storage.getClass() != storageClass(dtype)) {
            throw new IllegalArgumentException(dtype + " is stored in " + storageClass(dtype).getSimpleName()
                    + ", got " + storage.getClass().getSimpleName());
        }
        this.shape = shape;
        this.dtype = dtype;
        this.storage = storage;
    }

    public static Tensor of(Shape shape, float... data) {
        return new Tensor(shape, DType.FLOAT32, data.clone());
    }

    public static Tensor ofInts(Shape shape, int... data) {
        return new Tensor(shape, DType.INT32, data.clone());
    }

    public static Tensor ofLongs(Shape shape, long... data) {
        return new Tensor(shape, DType.INT64, data.clone());
    }

    /** Wraps a float array without copying; the caller hands over ownership. */
    public static Tensor wrap(Shape shape, float[] data) {
        return new Tensor(shape, DType.FLOAT32, data);
    }

    /**
     * Wraps a primitive array of the dtype's storage class without copying.
     *
     * @throws IllegalArgumentException if the array does not match the dtype or the shape
     */
    public static Tensor wrap(DType dtype, Shape shape, Object storage) {
        return new Tensor(shape, dtype, storage);
    }

    public static Tensor zeros(Shape shape) {
        return zeros(DType.FLOAT32, shape);
    }

    public static Tensor zeros(DType dtype, Shape shape) {
        int n = Math.toIntExact(shape.size());
        Object storage = java.lang.reflect.Array.newInstance(storageClass(dtype).getComponentType(), n);
        return new Tensor(shape, dtype, storage);
    }

    /** The primitive array class that holds a dtype's elements. */
    public static Class<?> storageClass(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> float[].class;
            case FLOAT16 -> short[].class;
            case INT8, UINT8, BOOL -> byte[].class;
            case INT32 -> int[].class;
            case INT64 -> long[].class;
        };
    }

    public Shape getShape() {
        return shape;
    }

    public DType getDType() {
        return dtype;
    }

    public int size() {
        return java.lang.reflect.Array.getLength(storage);
    }

    /** Element {@code i} converted to float (UINT8 read unsigned, BOOL as 0/1). */
    public float get(int i) {
        return (float) getDouble(i);
    }

    public double getDouble(int i) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) storage)[i];
            case FLOAT16 -> Half.toFloat(((short[]) storage)[i]);
            case INT8, BOOL -> ((byte[]) storage)[i];
            case UINT8 -> ((byte[]) storage)[i] & 0xFF;
            case INT32 -> ((int[]) storage)[i];
            case INT64 -> ((long[]) storage)[i];
        };
    }

    /** Element {@code i} as an integer (floats truncated toward zero). */
    public long getLong(int i) {
        return switch (dtype) {
            case INT64 -> ((long[]) storage)[i];
            case INT32 -> ((int[]) storage)[i];
            default -> (long) getDouble(i);
        };
    }

    /** The backing float array of a FLOAT32 tensor; kernels write outputs through it. */
    public float[] buffer() {
        return (float[]) requireStorage(DType.FLOAT32);
    }

    public int[] intBuffer() {
        return (int[]) requireStorage(DType.INT32);
    }

    public long[] longBuffer() {
        return (long[]) requireStorage(DType.INT64);
    }

    /** The backing array, whatever the dtype. */
    public Object storage() {
        return storage;
    }

    public float[] toFloatArray() {
        if (dtype == DType.FLOAT32) {
            return ((float[]) storage).clone();
        }
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** Same elements, new shape of the same size; shares storage. */
    public Tensor reshape(Shape newShape) {
        return new Tensor(newShape, dtype, storage);
    }

    private Object requireStorage(DType expected) {
        if (dtype != expected) {
            throw new IllegalStateException("tensor is " + dtype + ", not " + expected);
        }
        return storage;
    }

    @Override
    public String toString() {
        int shown = Math.min(size(), 8);
        double[] head = new double[shown];
        Arrays.setAll(head, this::getDouble);
        return "Tensor<" + dtype + ">" + shape + Arrays.toString(head) + (shown < size() ? "..." : "");
    }
}
