package org.walle.engine.backend.ref;

import java.nio.ByteBuffer;

import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Half;
import org.walle.engine.tensor.Tensor;

/**
 * Typed element access for the reference kernels, over a tensor's array or a slot of the memory arena. Floats go
 * through double (exact for float32 and float16), integers through long (exact for int64), BOOL is 0/1.
 */
public abstract class Data {
    private final DType dtype;

    protected Data(DType dtype) {
        this.dtype = dtype;
    }

    public DType dtype() {
        return dtype;
    }

    public boolean isFloat() {
        return dtype == DType.FLOAT32 || dtype == DType.FLOAT16;
    }

    public abstract double get(int i);

    public abstract void set(int i, double v);

    public abstract long getLong(int i);

    public abstract void setLong(int i, long v);

    /** Elements [from, from + n) as doubles, for kernels that loop over them many times. */
    public double[] toDoubles(int from, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = get(from + i);
        }
        return out;
    }

    /** Writes doubles to elements [from, from + v.length), rounding to this dtype. */
    public void setDoubles(int from, double[] v) {
        for (int i = 0; i < v.length; i++) {
            set(from + i, v[i]);
        }
    }

    /** Copies one element of the same dtype without going through a lossy type. */
    public final void copy(int i, Data src, int j) {
        if (isFloat()) {
            set(i, src.get(j));
        } else {
            setLong(i, src.getLong(j));
        }
    }

    /** Writes a value given as double, converting to this dtype's rules (bool: non-zero, ints: truncate). */
    public final void setConverted(int i, double v) {
        switch (dtype) {
            case FLOAT32, FLOAT16 -> set(i, v);
            case BOOL -> setLong(i, v != 0 ? 1 : 0);
            default -> setLong(i, (long) v);
        }
    }

    public static Data of(Tensor t) {
        return new ArrayData(t.getDType(), t.storage());
    }

    /** A float32 array, possibly longer than the tensor it holds (pooled buffers are shared by several). */
    public static Data floats(float[] array) {
        return new ArrayData(DType.FLOAT32, array);
    }

    /** The float32 array behind this data, for kernels that work on arrays, or null when there is none. */
    public float[] floatArray() {
        return null;
    }

    public static Data allocate(DType dtype, int elements) {
        return of(Tensor.zeros(dtype, org.walle.engine.tensor.Shape.of(elements)));
    }

    /** A view of {@code buffer} starting at byte {@code byteOffset}; the buffer must be little-endian. */
    public static Data arena(ByteBuffer buffer, int byteOffset, DType dtype) {
        return new BufferData(dtype, buffer, byteOffset);
    }

    private static final class ArrayData extends Data {
        private final Object a;

        ArrayData(DType dtype, Object a) {
            super(dtype);
            this.a = a;
        }

        @Override
        public float[] floatArray() {
            return dtype() == DType.FLOAT32 ? (float[]) a : null;
        }

        @Override
        public double[] toDoubles(int from, int n) {
            if (dtype() != DType.FLOAT32) {
                return super.toDoubles(from, n);
            }
            float[] f = (float[]) a;
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = f[from + i];
            }
            return out;
        }

        @Override
        public void setDoubles(int from, double[] v) {
            if (dtype() != DType.FLOAT32) {
                super.setDoubles(from, v);
                return;
            }
            float[] f = (float[]) a;
            for (int i = 0; i < v.length; i++) {
                f[from + i] = (float) v[i];
            }
        }

        @Override
        public double get(int i) {
            return switch (dtype()) {
                case FLOAT32 -> ((float[]) a)[i];
                case FLOAT16 -> Half.toFloat(((short[]) a)[i]);
                default -> getLong(i);
            };
        }

        @Override
        public void set(int i, double v) {
            switch (dtype()) {
                case FLOAT32 -> ((float[]) a)[i] = (float) v;
                case FLOAT16 -> ((short[]) a)[i] = Half.fromFloat((float) v);
                default -> setLong(i, (long) v);
            }
        }

        @Override
        public long getLong(int i) {
            return switch (dtype()) {
                case INT64 -> ((long[]) a)[i];
                case INT32 -> ((int[]) a)[i];
                case INT8, BOOL -> ((byte[]) a)[i];
                case UINT8 -> ((byte[]) a)[i] & 0xFF;
                default -> (long) get(i);
            };
        }

        @Override
        public void setLong(int i, long v) {
            switch (dtype()) {
                case INT64 -> ((long[]) a)[i] = v;
                case INT32 -> ((int[]) a)[i] = (int) v;
                case INT8, UINT8, BOOL -> ((byte[]) a)[i] = (byte) v;
                default -> set(i, v);
            }
        }
    }

    private static final class BufferData extends Data {
        private final ByteBuffer b;
        private final int base;
        private final int width;

        BufferData(DType dtype, ByteBuffer b, int base) {
            super(dtype);
            this.b = b;
            this.base = base;
            this.width = dtype.byteSize();
        }

        @Override
        public double[] toDoubles(int from, int n) {
            if (dtype() != DType.FLOAT32) {
                return super.toDoubles(from, n);
            }
            double[] out = new double[n];
            int at = base + from * 4;
            for (int i = 0; i < n; i++, at += 4) {
                out[i] = b.getFloat(at);
            }
            return out;
        }

        @Override
        public void setDoubles(int from, double[] v) {
            if (dtype() != DType.FLOAT32) {
                super.setDoubles(from, v);
                return;
            }
            int at = base + from * 4;
            for (int i = 0; i < v.length; i++, at += 4) {
                b.putFloat(at, (float) v[i]);
            }
        }

        @Override
        public double get(int i) {
            int at = base + i * width;
            return switch (dtype()) {
                case FLOAT32 -> b.getFloat(at);
                case FLOAT16 -> Half.toFloat(b.getShort(at));
                default -> getLong(i);
            };
        }

        @Override
        public void set(int i, double v) {
            int at = base + i * width;
            switch (dtype()) {
                case FLOAT32 -> b.putFloat(at, (float) v);
                case FLOAT16 -> b.putShort(at, Half.fromFloat((float) v));
                default -> setLong(i, (long) v);
            }
        }

        @Override
        public long getLong(int i) {
            int at = base + i * width;
            return switch (dtype()) {
                case INT64 -> b.getLong(at);
                case INT32 -> b.getInt(at);
                case INT8, BOOL -> b.get(at);
                case UINT8 -> b.get(at) & 0xFF;
                default -> (long) get(i);
            };
        }

        @Override
        public void setLong(int i, long v) {
            int at = base + i * width;
            switch (dtype()) {
                case INT64 -> b.putLong(at, v);
                case INT32 -> b.putInt(at, (int) v);
                case INT8, UINT8, BOOL -> b.put(at, (byte) v);
                default -> set(i, v);
            }
        }
    }
}
