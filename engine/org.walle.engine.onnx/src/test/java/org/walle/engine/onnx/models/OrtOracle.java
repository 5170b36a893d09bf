package org.walle.engine.onnx.models;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Runs a model on ONNX Runtime (CPU) with engine tensors in and out: the numerical oracle. */
final class OrtOracle {
    private OrtOracle() {
    }

    static Map<String, Tensor> run(Path model, Map<String, Tensor> feeds) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // the reference engine computes in float32 without fused kernels; keep ORT's graph as written
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(model.toString(), options)) {
                Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
                try {
                    for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
                        inputs.put(e.getKey(), toOrt(env, e.getValue()));
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
        }
    }

    private static OnnxTensor toOrt(OrtEnvironment env, Tensor t) throws OrtException {
        long[] shape = t.getShape().dims();
        return switch (t.getDType()) {
            case FLOAT32 -> OnnxTensor.createTensor(env, FloatBuffer.wrap(t.buffer()), shape);
            case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(t.longBuffer()), shape);
            default -> throw new IllegalArgumentException("oracle feeds float32 and int64 only, got " + t.getDType());
        };
    }

    private static Tensor fromOrt(OnnxTensor t) {
        long[] shape = t.getInfo().getShape();
        return switch (t.getInfo().type) {
            case FLOAT -> {
                FloatBuffer b = t.getFloatBuffer();
                float[] a = new float[b.remaining()];
                b.get(a);
                yield Tensor.wrap(Shape.of(shape), a);
            }
            case INT64 -> {
                LongBuffer b = t.getLongBuffer();
                long[] a = new long[b.remaining()];
                b.get(a);
                yield Tensor.wrap(DType.INT64, Shape.of(shape), a);
            }
            default -> throw new IllegalArgumentException("oracle reads float32 and int64 outputs only, got "
                    + t.getInfo().type + " (" + List.of(shape.length) + "-d)");
        };
    }
}
