package org.walle.engine.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.walle.engine.onnx.internal.proto.OnnxProto.AttributeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.GraphProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.ModelProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.NodeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.OperatorSetIdProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorShapeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TypeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.ValueInfoProto;

import com.google.protobuf.ByteString;

/** Builds small ONNX models with the generated protobuf builders, as the hostile-input tests need them. */
public final class TestModels {
    public static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    public static final int INT64 = TensorProto.DataType.INT64_VALUE;

    private TestModels() {
    }

    /** A value_info; a String dim is symbolic, a Number is fixed. */
    public static ValueInfoProto value(String name, int elemType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof Number n ? TensorShapeProto.Dimension.newBuilder().setDimValue(n.longValue())
                    : TensorShapeProto.Dimension.newBuilder().setDimParam(d.toString()));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }

    public static NodeProto node(String name, String op, String[] inputs, String[] outputs,
            AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setName(name).setOpType(op);
        for (String i : inputs) {
            n.addInput(i);
        }
        for (String o : outputs) {
            n.addOutput(o);
        }
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        return n.build();
    }

    public static TensorProto floats(String name, long[] dims, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    public static ModelProto model(GraphProto.Builder graph, int opset) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("walle-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }

    /** y = MatMul(x, w) + b with x[batch,2], w[2,3] raw float data, b[3] in float_data. */
    public static ModelProto linear() {
        TensorProto b = TensorProto.newBuilder().setName("b").setDataType(FLOAT).addDims(3)
                .addFloatData(0.5f).addFloatData(-1).addFloatData(2).build();
        GraphProto.Builder g = GraphProto.newBuilder().setName("linear")
                .addInput(value("x", FLOAT, "batch", 2))
                .addInitializer(floats("w", new long[] {2, 3}, 1, 2, 3, 4, 5, 6))
                .addInitializer(b)
                .addNode(node("mm", "MatMul", new String[] {"x", "w"}, new String[] {"xw"}))
                .addNode(node("add", "Add", new String[] {"xw", "b"}, new String[] {"y"}))
                .addValueInfo(value("xw", FLOAT, "batch", 3))
                .addOutput(value("y", FLOAT, "batch", 3));
        return model(g, 13);
    }
}
