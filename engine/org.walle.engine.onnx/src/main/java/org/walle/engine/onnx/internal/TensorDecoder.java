package org.walle.engine.onnx.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.walle.engine.onnx.OnnxModelException;
import org.walle.engine.onnx.OnnxUnsupportedException;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Turns a {@link TensorProto} into a {@link Tensor}. Every size is checked against the data actually present
 * before anything is allocated, so a shape like [2^40, 2^40] with four bytes of data is an error, not an OOM.
 */
public final class TensorDecoder {
    /** Java arrays stop a little short of Integer.MAX_VALUE elements. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private TensorDecoder() {
    }

    /**
     * Decodes a tensor.
     *
     * @param where   what the tensor is, for messages ("initializer 'w'")
     * @param baseDir the folder external data is resolved against, or null if external data is not allowed
     */
    public static Tensor decode(TensorProto t, String where, Path baseDir) {
        if (t.hasSegment()) {
            throw new OnnxUnsupportedException(where, "segmented tensors are not supported");
        }
        DType dtype = ElementTypes.toDType(t.getDataType(), where);
        Shape shape = shapeOf(t, where);
        int count = Math.toIntExact(shape.size());
        long bytes = (long) count * dtype.byteSize();
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            requireNoInlineData(t, where, "external data");
            return Tensor.wrap(dtype, shape, fromLittleEndian(ExternalData.read(t, baseDir, bytes, where), dtype, count));
        }
        if (t.hasRawData()) {
            requireNoInlineData(t, where, "raw_data");
            if (t.getRawData().size() != bytes) {
                throw new OnnxModelException(where, "raw_data holds " + t.getRawData().size() + " bytes, but "
                        + dtype + shape + " needs " + bytes);
            }
            // read through a view of the parsed bytes: a big initializer is not copied twice
            return Tensor.wrap(dtype, shape, fromLittleEndian(t.getRawData().asReadOnlyByteBuffer(), dtype, count));
        }
        return Tensor.wrap(dtype, shape, fromTypedFields(t, dtype, count, where));
    }

    static Shape shapeOf(TensorProto t, String where) {
        long[] dims = new long[t.getDimsCount()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.getDims(i);
            if (dims[i] < 0) {
                throw new OnnxModelException(where, "dimension " + i + " is negative (" + dims[i] + ")");
            }
            count = multiplyOrFail(count, dims[i], where, t);
        }
        return Shape.of(dims);
    }

    private static long multiplyOrFail(long count, long dim, String where, TensorProto t) {
        // count stays <= MAX_ELEMENTS, so count * dim cannot overflow before the limit check stops it
        long n = dim == 0 ? 0 : (count > MAX_ELEMENTS / dim ? Long.MAX_VALUE : count * dim);
        if (n > MAX_ELEMENTS) {
            throw new OnnxModelException(where, "shape " + t.getDimsList() + " has more than " + MAX_ELEMENTS
                    + " elements");
        }
        return n;
    }

    private static void requireNoInlineData(TensorProto t, String where, String kind) {
        int typed = t.getFloatDataCount() + t.getInt32DataCount() + t.getInt64DataCount() + t.getDoubleDataCount()
                + t.getUint64DataCount() + t.getStringDataCount();
        if (typed > 0 || (kind.equals("external data") && t.hasRawData())) {
            throw new OnnxModelException(where, "tensor has both " + kind + " and inline data fields");
        }
    }

    static Object fromLittleEndian(byte[] raw, DType dtype, int count) {
        return fromLittleEndian(ByteBuffer.wrap(raw), dtype, count);
    }

    static Object fromLittleEndian(ByteBuffer data, DType dtype, int count) {
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return switch (dtype) {
            case FLOAT32 -> {
                float[] a = new float[count];
                b.asFloatBuffer().get(a);
                yield a;
            }
            case FLOAT16 -> {
                short[] a = new short[count];
                b.asShortBuffer().get(a);
                yield a;
            }
            case INT32 -> {
                int[] a = new int[count];
                b.asIntBuffer().get(a);
                yield a;
            }
            case INT64 -> {
                long[] a = new long[count];
                b.asLongBuffer().get(a);
                yield a;
            }
            case INT8, UINT8 -> bytes(b, count);
            case BOOL -> normalizeBools(bytes(b, count));
        };
    }

    private static byte[] bytes(ByteBuffer b, int count) {
        byte[] a = new byte[count];
        b.get(a);
        return a;
    }

    private static byte[] normalizeBools(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (raw[i] != 0 ? 1 : 0);
        }
        return raw;
    }

    private static Object fromTypedFields(TensorProto t, DType dtype, int count, String where) {
        return switch (dtype) {
            case FLOAT32 -> {
                requireField(t, where, count, t.getFloatDataCount(), "float_data");
                float[] a = new float[count];
                for (int i = 0; i < count; i++) {
                    a[i] = t.getFloatData(i);
                }
                yield a;
            }
            case INT64 -> {
                requireField(t, where, count, t.getInt64DataCount(), "int64_data");
                long[] a = new long[count];
                for (int i = 0; i < count; i++) {
                    a[i] = t.getInt64Data(i);
                }
                yield a;
            }
            case INT32 -> {
                requireField(t, where, count, t.getInt32DataCount(), "int32_data");
                int[] a = new int[count];
                for (int i = 0; i < count; i++) {
                    a[i] = t.getInt32Data(i);
                }
                yield a;
            }
            case FLOAT16 -> {
                // float16 values travel as their 16 bit patterns in int32_data
                requireField(t, where, count, t.getInt32DataCount(), "int32_data");
                short[] a = new short[count];
                for (int i = 0; i < count; i++) {
                    a[i] = (short) t.getInt32Data(i);
                }
                yield a;
            }
            case INT8, UINT8, BOOL -> {
                requireField(t, where, count, t.getInt32DataCount(), "int32_data");
                byte[] a = new byte[count];
                for (int i = 0; i < count; i++) {
                    int v = t.getInt32Data(i);
                    a[i] = (byte) (dtype == DType.BOOL ? (v != 0 ? 1 : 0) : v);
                }
                yield a;
            }
        };
    }

    /** The typed field that must carry the data holds exactly {@code count} values and no other field holds any. */
    private static void requireField(TensorProto t, String where, int count, int present, String field) {
        int others = t.getFloatDataCount() + t.getInt32DataCount() + t.getInt64DataCount() + t.getDoubleDataCount()
                + t.getUint64DataCount() + t.getStringDataCount() - present;
        if (others > 0) {
            throw new OnnxModelException(where, TensorProto.DataType.forNumber(t.getDataType()).name()
                    + " tensor carries values in a field other than " + field);
        }
        if (present != count) {
            throw new OnnxModelException(where, field + " holds " + present + " values, but shape "
                    + t.getDimsList() + " needs " + count);
        }
    }
}
