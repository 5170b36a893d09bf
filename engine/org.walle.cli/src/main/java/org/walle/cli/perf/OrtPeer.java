package org.walle.cli.perf;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** ONNX Runtime (CPU, all graph optimisations, a fixed thread count) as the speed peer, engine tensors in and out. */
final class OrtPeer implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession.SessionOptions options;
    private final OrtSession session;

    OrtPeer(Path model, int threads) throws OrtException {
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = env.createSession(model.toString(), options);
    }

    static String version() {
        return OrtEnvironment.getEnvironment().getVersion();
    }

    Map<String, Tensor> run(Map<String, Tensor> feeds) throws OrtException {
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
                if (session.getInputNames().contains(e.getKey())) {
                    inputs.put(e.getKey(), toOrt(e.getValue()));
                }
            }
            Map<String, Tensor> out = new LinkedHashMap<>();
            try (OrtSession.Result r = session.run(inputs)) {
                for (Map.Entry<String, OnnxValue> e : r) {
                    out.put(e.getKey(), fromOrt((OnnxTensor) e.getValue()));
                }
            }
            return out;
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor toOrt(Tensor t) throws OrtException {
        long[] shape = t.getShape().dims();
        return switch (t.getDType()) {
            case FLOAT32 -> OnnxTensor.createTensor(env, FloatBuffer.wrap(t.buffer()), shape);
            case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(t.longBuffer()), shape);
            case INT32 -> OnnxTensor.createTensor(env, IntBuffer.wrap(t.intBuffer()), shape);
            case BOOL -> OnnxTensor.createTensor(env, ByteBuffer.wrap((byte[]) t.storage()), shape, OnnxJavaType.BOOL);
            case UINT8 -> OnnxTensor.createTensor(env, ByteBuffer.wrap((byte[]) t.storage()), shape, OnnxJavaType.UINT8);
            case INT8 -> OnnxTensor.createTensor(env, ByteBuffer.wrap((byte[]) t.storage()), shape, OnnxJavaType.INT8);
            case FLOAT16 -> throw new IllegalArgumentException("float16 inputs are not passed to ONNX Runtime here");
        };
    }

    private static Tensor fromOrt(OnnxTensor t) {
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
            default -> null; // not compared
        };
    }

    @Override
    public void close() throws OrtException {
        session.close();
        options.close();
    }
}
