package org.walle.engine.ort.internal;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

/**
 * Engine tensors to ONNX Runtime tensors and back, element for element: every engine dtype goes in; what comes back
 * must be a tensor of a type the engine has, anything else is refused by name (a silently dropped output would
 * make a comparison look better than it is).
 */
public final class OrtTensors {
    private OrtTensors() {
    }

    public static OnnxTensor toOrt(OrtEnvironment env, String name, Tensor t) throws OrtException {
        long[] shape = t.getShape().dims();
        return switch (t.getDType()) {
            case FLOAT32 -> OnnxTensor.createTensor(env, FloatBuffer.wrap(t.buffer()), shape);
            case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(t.longBuffer()), shape);
            case INT32 -> OnnxTensor.createTensor(env, IntBuffer.wrap(t.intBuffer()), shape);
            case BOOL -> OnnxTensor.createTensor(env, ByteBuffer.wrap((byte[]) t.storage()), shape, OnnxJavaType.BOOL);
            case UINT8 -> OnnxTensor.createTensor(env, ByteBuffer.wrap((byte[]) t.storage()), shape,
                    OnnxJavaType.UINT8);
            case INT8 -> OnnxTensor.createTensor(env, ByteBuffer.wrap((byte[]) t.storage()), shape, OnnxJavaType.INT8);
            case FLOAT16 -> OnnxTensor.createTensor(env, ShortBuffer.wrap((short[]) t.storage()), shape,
                    OnnxJavaType.FLOAT16);
        };
    }

    /** @throws IllegalArgumentException naming the output when it is not a tensor of an engine dtype */
    public static Tensor fromOrt(String name, OnnxValue value) {
        if (!(value instanceof OnnxTensor t)) {
            throw new IllegalArgumentException("output '" + name + "' is a " + value.getType()
                    + ", not a tensor: the engine has no such value");
        }
        Shape shape = Shape.of(t.getInfo().getShape());
        return switch (t.getInfo().type) {
            case FLOAT -> {
                FloatBuffer b = t.getFloatBuffer();
                float[] a = new float[b.remaining()];
                b.get(a);
                yield Tensor.wrap(shape, a);
            }
            case INT64 -> {
                LongBuffer b = t.getLongBuffer();
                long[] a = new long[b.remaining()];
                b.get(a);
                yield Tensor.wrap(DType.INT64, shape, a);
            }
            case INT32 -> {
                IntBuffer b = t.getIntBuffer();
                int[] a = new int[b.remaining()];
                b.get(a);
                yield Tensor.wrap(DType.INT32, shape, a);
            }
            case INT8, UINT8, BOOL -> {
                ByteBuffer b = t.getByteBuffer();
                byte[] a = new byte[b.remaining()];
                b.get(a);
                DType d = switch (t.getInfo().type) {
                    case INT8 -> DType.INT8;
                    case UINT8 -> DType.UINT8;
                    default -> DType.BOOL;
                };
                yield Tensor.wrap(d, shape, a);
            }
            case FLOAT16 -> {
                ShortBuffer b = t.getShortBuffer();
                short[] a = new short[b.remaining()];
                b.get(a);
                yield Tensor.wrap(DType.FLOAT16, shape, a);
            }
            default -> throw new IllegalArgumentException("output '" + name + "' has element type "
                    + t.getInfo().type + ", which the engine does not have");
        };
    }
}
