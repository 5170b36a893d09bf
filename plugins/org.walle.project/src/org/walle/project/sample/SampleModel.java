package org.walle.project.sample;

import org.walle.engine.onnx.internal.proto.OnnxProto.GraphProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.ModelProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.NodeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.OperatorSetIdProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorShapeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TypeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.ValueInfoProto;

/**
 * The sample task's model, written at wizard time so nothing has to be downloaded: a purchase-intent scorer
 * {@code intent = Softmax(features . W + b)} over 4 features and 3 classes (browsing, considering, buying), with
 * fixed weights chosen so a quick add-to-cart from the item page scores "buying". Built with the ONNX protobuf
 * classes the engine's importer reads.
 */
public final class SampleModel {
    public static final String INPUT = "features";
    public static final String OUTPUT = "intent";
    public static final int FEATURES = 4;
    public static final int CLASSES = 3;
    /** Rows: quickness, on the item page, carts before, item known; columns: browsing, considering, buying. */
    static final float[] WEIGHTS = {
        -1.2f, 0.2f, 1.6f,
        -0.6f, 0.3f, 0.9f,
        -0.8f, 0.1f, 1.2f,
        0.3f, 0.4f, -0.2f,
    };
    static final float[] BIAS = { 0.6f, 0.2f, -0.7f };

    private SampleModel() {
    }

    public static byte[] onnx() {
        GraphProto g = GraphProto.newBuilder().setName("purchase-intent")
                .addInput(value(INPUT, FEATURES)).addOutput(value(OUTPUT, CLASSES))
                .addInitializer(floats("W", WEIGHTS, FEATURES, CLASSES)).addInitializer(floats("b", BIAS, CLASSES))
                .addNode(node("score", "MatMul", INPUT, "W", "scores"))
                .addNode(node("shift", "Add", "scores", "b", "logits"))
                .addNode(NodeProto.newBuilder().setName("normalise").setOpType("Softmax").addInput("logits")
                        .addOutput(OUTPUT))
                .build();
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("walle-studio")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(g).build().toByteArray();
    }

    private static NodeProto node(String name, String op, String a, String b, String out) {
        return NodeProto.newBuilder().setName(name).setOpType(op).addInput(a).addInput(b).addOutput(out).build();
    }

    private static TensorProto floats(String name, float[] values, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }

    private static ValueInfoProto value(String name, long cols) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(cols)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
                .build();
    }
}
