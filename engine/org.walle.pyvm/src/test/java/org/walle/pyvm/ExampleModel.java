package org.walle.pyvm;

import java.util.Random;

import org.walle.engine.onnx.internal.proto.OnnxProto.GraphProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.ModelProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.NodeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.OperatorSetIdProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorShapeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TypeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.ValueInfoProto;

/** The example classifier's ONNX model: x[batch,64] -> MatMul/Add/Relu -> MatMul/Add -> logits[batch,4]. */
final class ExampleModel {
    private ExampleModel() {
    }

    static byte[] onnx(long seed) {
        Random r = new Random(seed);
        GraphProto g = GraphProto.newBuilder().setName("tiny-classifier").addInput(value("x", 64))
                .addInitializer(weights("w1", r, 64, 16)).addInitializer(weights("b1", r, 16))
                .addInitializer(weights("w2", r, 16, 4)).addInitializer(weights("b2", r, 4))
                .addNode(node("mm1", "MatMul", "x", "w1", "h1")).addNode(node("add1", "Add", "h1", "b1", "h2"))
                .addNode(NodeProto.newBuilder().setName("relu").setOpType("Relu").addInput("h2").addOutput("h3"))
                .addNode(node("mm2", "MatMul", "h3", "w2", "h4")).addNode(node("add2", "Add", "h4", "b2", "logits"))
                .addOutput(value("logits", 4)).build();
        return ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(g).build().toByteArray();
    }

    private static NodeProto node(String name, String op, String a, String b, String out) {
        return NodeProto.newBuilder().setName(name).setOpType(op).addInput(a).addInput(b).addOutput(out).build();
    }

    private static TensorProto weights(String name, Random r, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        long n = 1;
        for (long d : dims) {
            t.addDims(d);
            n *= d;
        }
        for (long i = 0; i < n; i++) {
            t.addFloatData((float) r.nextGaussian() * 0.5f);
        }
        return t.build();
    }

    private static ValueInfoProto value(String name, long cols) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(cols)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
