package org.walle.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.exec.GraphExecutor;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;
import org.walle.engine.onnx.internal.proto.OnnxProto.AttributeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.AttributeProto.AttributeType;
import org.walle.engine.onnx.internal.proto.OnnxProto.GraphProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.ModelProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Half;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

import com.google.protobuf.ByteString;

/** Well-formed models: structure, attributes of every contract type, initializers of every dtype, subgraphs. */
class OnnxImporterTest {
    @Test
    void importsAndRunsALinearModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("linear.onnx");
        Files.write(file, TestModels.linear().toByteArray());
        Graph g = OnnxImporter.load(file);
        assertEquals(List.of("x"), g.inputs());
        assertEquals(List.of("y"), g.outputs());
        assertEquals(Shape.of(Shape.DYNAMIC, 2), g.value("x").orElseThrow().shape());
        assertEquals(Shape.of(Shape.DYNAMIC, 3), g.value("xw").orElseThrow().shape());
        assertEquals(Map.of("MatMul", 1, "Add", 1), g.opCounts());
        assertEquals(13, g.opset(), "the default-domain opset of the model");
        Tensor y = new GraphExecutor(g).run(Map.of("x", Tensor.of(Shape.of(1, 2), 1, 1))).get("y");
        assertArrayEquals(new float[] {5.5f, 6, 11}, y.buffer());
    }

    @Test
    void decodesEveryAttributeTypeIntoTheContractTypes() {
        GraphProto.Builder body = GraphProto.newBuilder().setName("body")
                .addInput(TestModels.value("i", TestModels.FLOAT, 1))
                .addNode(TestModels.node("neg", "Neg", new String[] {"i"}, new String[] {"o"}))
                .addOutput(TestModels.value("o", TestModels.FLOAT, 1));
        AttributeProto[] attrs = {
            AttributeProto.newBuilder().setName("i").setType(AttributeType.INT).setI(7).build(),
            AttributeProto.newBuilder().setName("f").setType(AttributeType.FLOAT).setF(0.25f).build(),
            AttributeProto.newBuilder().setName("s").setType(AttributeType.STRING)
                    .setS(ByteString.copyFromUtf8("reflect")).build(),
            AttributeProto.newBuilder().setName("is").setType(AttributeType.INTS).addInts(1).addInts(-2).build(),
            AttributeProto.newBuilder().setName("fs").setType(AttributeType.FLOATS).addFloats(1.5f).build(),
            AttributeProto.newBuilder().setName("ss").setType(AttributeType.STRINGS)
                    .addStrings(ByteString.copyFromUtf8("a")).addStrings(ByteString.copyFromUtf8("b")).build(),
            AttributeProto.newBuilder().setName("t").setType(AttributeType.TENSOR)
                    .setT(TestModels.floats("", new long[] {2}, 3, 4)).build(),
            AttributeProto.newBuilder().setName("g").setType(AttributeType.GRAPH).setG(body).build(),
            // IR 1 style: no type, inferred from the one value field
            AttributeProto.newBuilder().setName("untyped").setI(9).build()
        };
        GraphProto.Builder g = GraphProto.newBuilder().setName("attrs")
                .addInput(TestModels.value("x", TestModels.FLOAT, 2))
                .addNode(TestModels.node("", "Custom", new String[] {"x", ""}, new String[] {"y", ""}, attrs)
                        .toBuilder().setDomain("com.example").build())
                .addOutput(TestModels.value("y", TestModels.FLOAT, 2));
        Node n = load(TestModels.model(g, 17)).nodes().get(0);
        assertEquals("com.example:Custom", n.opType());
        assertEquals("Custom_0", n.name());
        assertEquals(List.of("x", ""), n.inputs(), "absent optional inputs stay empty strings");
        assertEquals(List.of("y"), n.outputs(), "trailing absent outputs are dropped");
        Map<String, Object> a = n.attributes();
        assertEquals(7L, a.get("i"));
        assertEquals(0.25f, a.get("f"));
        assertEquals("reflect", a.get("s"));
        assertArrayEquals(new long[] {1, -2}, (long[]) a.get("is"));
        assertArrayEquals(new float[] {1.5f}, (float[]) a.get("fs"));
        assertEquals(List.of("a", "b"), a.get("ss"));
        assertArrayEquals(new float[] {3, 4}, ((Tensor) a.get("t")).buffer());
        Graph sub = assertInstanceOf(Graph.class, a.get("g"));
        assertEquals("Neg", sub.nodes().get(0).opType());
        assertEquals(9L, a.get("untyped"));
    }

    @Test
    void decodesInitializersOfEveryDtype() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("dtypes");
        g.addInitializer(TensorProto.newBuilder().setName("i64").setDataType(TestModels.INT64).addDims(2)
                .addInt64Data(Long.MIN_VALUE).addInt64Data(3));
        g.addInitializer(raw("i32", TensorProto.DataType.INT32_VALUE, new byte[] {1, 0, 0, 0, -1, -1, -1, -1}, 2));
        g.addInitializer(TensorProto.newBuilder().setName("i8").setDataType(TensorProto.DataType.INT8_VALUE)
                .addDims(2).addInt32Data(-5).addInt32Data(127));
        g.addInitializer(raw("u8", TensorProto.DataType.UINT8_VALUE, new byte[] {(byte) 250}, 1));
        g.addInitializer(raw("bool", TensorProto.DataType.BOOL_VALUE, new byte[] {0, 1, 1}, 3));
        // float16 1.0 = 0x3C00, raw little-endian, and -2.0 = 0xC000 through int32_data
        g.addInitializer(raw("h_raw", TensorProto.DataType.FLOAT16_VALUE, new byte[] {0x00, 0x3C}, 1));
        g.addInitializer(TensorProto.newBuilder().setName("h_i32").setDataType(TensorProto.DataType.FLOAT16_VALUE)
                .addDims(1).addInt32Data(0xC000));
        g.addInitializer(TestModels.floats("scalar", new long[0], 2.5f));
        g.addInitializer(TestModels.floats("empty", new long[] {0, 4}));
        g.addOutput(TestModels.value("i64", TestModels.INT64, 2));
        Map<String, Tensor> init = load(TestModels.model(g, 13)).initializers();
        assertArrayEquals(new long[] {Long.MIN_VALUE, 3}, init.get("i64").longBuffer());
        assertArrayEquals(new int[] {1, -1}, init.get("i32").intBuffer());
        assertArrayEquals(new byte[] {-5, 127}, (byte[]) init.get("i8").storage());
        assertEquals(250.0, init.get("u8").getDouble(0));
        assertEquals(DType.BOOL, init.get("bool").getDType());
        assertArrayEquals(new byte[] {0, 1, 1}, (byte[]) init.get("bool").storage());
        assertEquals(1.0f, Half.toFloat(((short[]) init.get("h_raw").storage())[0]));
        assertEquals(-2.0f, Half.toFloat(((short[]) init.get("h_i32").storage())[0]));
        assertEquals(0, init.get("scalar").getShape().rank());
        assertEquals(2.5f, init.get("scalar").get(0));
        assertEquals(0, init.get("empty").size());
    }

    @Test
    void initializersListedAsInputsAreNotFed() {
        ModelProto m = TestModels.linear();
        ModelProto ir3 = m.toBuilder().setIrVersion(3).setGraph(m.getGraph().toBuilder()
                .addInput(TestModels.value("w", TestModels.FLOAT, 2, 3))).build();
        assertEquals(List.of("x"), load(ir3).inputs());
    }

    @Test
    void externalDataIsReadFromTheModelFolder(@TempDir Path dir) throws Exception {
        byte[] data = new byte[16 + 8];
        java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN).position(16).putFloat(1.5f)
                .putFloat(-3f);
        Files.write(dir.resolve("weights.bin"), data);
        ModelProto m = HostileModelsTest.withExternal("weights.bin", "16", "8");
        Files.write(dir.resolve("m.onnx"), m.toByteArray());
        Tensor w = OnnxImporter.load(dir.resolve("m.onnx")).initializers().get("w");
        assertArrayEquals(new float[] {1.5f, -3f}, w.buffer());
    }

    @Test
    void nodeNamesAreMadeUniqueSoErrorsCanNameThem() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("dups")
                .addInput(TestModels.value("x", TestModels.FLOAT, 1))
                .addNode(TestModels.node("same", "Relu", new String[] {"x"}, new String[] {"a"}))
                .addNode(TestModels.node("same", "Relu", new String[] {"a"}, new String[] {"b"}))
                .addOutput(TestModels.value("b", TestModels.FLOAT, 1));
        List<Node> nodes = load(TestModels.model(g, 13)).nodes();
        assertEquals(List.of("same", "same#2"), nodes.stream().map(Node::name).toList());
    }

    @Test
    void aSubgraphReadingTheOuterScopeIsReportedClearly() {
        GraphProto.Builder then = GraphProto.newBuilder().setName("then")
                .addNode(TestModels.node("id", "Identity", new String[] {"x"}, new String[] {"t"}))
                .addOutput(TestModels.value("t", TestModels.FLOAT, 1));
        GraphProto.Builder g = GraphProto.newBuilder().setName("if")
                .addInput(TestModels.value("c", TensorProto.DataType.BOOL_VALUE))
                .addInput(TestModels.value("x", TestModels.FLOAT, 1))
                .addNode(TestModels.node("if", "If", new String[] {"c"}, new String[] {"y"},
                        AttributeProto.newBuilder().setName("then_branch").setType(AttributeType.GRAPH)
                                .setG(then).build(),
                        AttributeProto.newBuilder().setName("else_branch").setType(AttributeType.GRAPH)
                                .setG(then).build()))
                .addOutput(TestModels.value("y", TestModels.FLOAT, 1));
        try {
            Graph graph = load(TestModels.model(g, 13));
            // an engine whose GraphBuilder knows outer scopes accepts it
            assertInstanceOf(Graph.class, graph.nodes().get(0).attributes().get("then_branch"));
        } catch (OnnxModelException e) {
            assertTrue(e.getMessage().contains("outer-scope value 'x'"), e.getMessage());
        }
    }

    static TensorProto.Builder raw(String name, int type, byte[] bytes, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type)
                .setRawData(ByteString.copyFrom(bytes));
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    static Graph load(ModelProto m) {
        return OnnxImporter.load(m.toByteArray(), null);
    }
}
