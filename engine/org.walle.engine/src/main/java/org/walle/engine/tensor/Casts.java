package org.walle.engine.tensor;

/** Element-type conversions between tensors. */
public final class Casts {
    private Casts() {
    }

    /** A new tensor with every element converted to {@code target} (floats to ints truncate toward zero). */
    public static Tensor cast(Tensor source, DType target) {
        Tensor out = Tensor.zeros(target, source.getShape());
        int n = source.size();
        Object dst = out.storage();
        for (int i = 0; i < n; i++) {
            switch (target) {
                case FLOAT32 -> ((float[]) dst)[i] = source.get(i);
                case FLOAT16 -> ((short[]) dst)[i] = Half.fromFloat(source.get(i));
                case INT8, UINT8 -> ((byte[]) dst)[i] = (byte) source.getLong(i);
                case BOOL -> ((byte[]) dst)[i] = (byte) (source.getDouble(i) != 0 ? 1 : 0);
                case INT32 -> ((int[]) dst)[i] = (int) source.getLong(i);
                case INT64 -> ((long[]) dst)[i] = source.getLong(i);
            }
        }
        return out;
    }
}
