package org.walle.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.onnx.internal.proto.OnnxProto.AttributeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.AttributeProto.AttributeType;
import org.walle.engine.onnx.internal.proto.OnnxProto.GraphProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.ModelProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.StringStringEntryProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.ValueInfoProto;

/**
 * Malformed models built with the protobuf builders. Each must give an {@link OnnxModelException} whose message
 * names the node, initializer or value at fault: never another exception, an OOM or a hang.
 */
class HostileModelsTest {
    @Test
    void truncatedFiles() {
        byte[] good = TestModels.linear().toByteArray();
        for (int cut : new int[] {1, 7, good.length / 3, good.length / 2, good.length - 1}) {
            String m = fails(Arrays.copyOf(good, cut));
            assertTrue(m.contains("not a valid ONNX model") || m.contains("no graph")
                    || m.contains("no ir_version") || m.contains("opset"), cut + ": " + m);
        }
        assertTrue(fails(new byte[0]).contains("file is empty"));
        assertTrue(fails("this is not protobuf at all".getBytes()).contains("not a valid ONNX model"));
    }

    /** Random byte corruption: anything may happen to the model, except an exception other than ours. */
    @Test
    void randomlyCorruptedModelsFailCleanly() {
        byte[] good = TestModels.linear().toByteArray();
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] bad = good.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            try {
                OnnxImporter.load(bad, null);
            } catch (OnnxModelException expected) {
                // a clear error is the right outcome
            }
        }
    }

    /**
     * The same on real ONNX test models (with initializers, attributes and If/Loop/Scan bodies): every prefix of
     * a model and randomly corrupted copies load or fail with our exception only.
     */
    @Test
    void corruptedRealModelsFailCleanly() throws Exception {
        Path node = Path.of(System.getProperty("walle.onnx.testdata", "/usr/share/libonnx-testdata/data"), "node");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(node), "libonnx-testdata not installed");
        Random random = new Random(7);
        for (String test : new String[] {"test_if", "test_loop11", "test_scan9_sum", "test_conv_with_strides_padding",
            "test_lstm_with_initial_bias", "test_constant", "test_resize_upsample_sizes_cubic"}) {
            Path file = node.resolve(test).resolve("model.onnx");
            if (!Files.exists(file)) {
                continue;
            }
            byte[] good = Files.readAllBytes(file);
            for (int cut = 0; cut < good.length; cut += Math.max(1, good.length / 200)) {
                loadOrFailCleanly(Arrays.copyOf(good, cut));
            }
            for (int i = 0; i < 300; i++) {
                byte[] bad = good.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                }
                loadOrFailCleanly(bad);
            }
        }
    }

    private static void loadOrFailCleanly(byte[] model) {
        try {
            OnnxImporter.load(model, null);
        } catch (OnnxModelException expected) {
            // a clear error is the right outcome
        }
    }

    @Test
    void missingFileOrFolderInsteadOfAFile(@TempDir Path dir) {
        OnnxModelException e = assertThrows(OnnxModelException.class,
                () -> OnnxImporter.load(dir.resolve("nope.onnx")));
        assertTrue(e.getMessage().startsWith("nope.onnx: file does not exist"), e.getMessage());
        e = assertThrows(OnnxModelException.class, () -> OnnxImporter.load(dir));
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void cycleNamesANodeOnIt() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("cycle")
                .addInput(TestModels.value("x", TestModels.FLOAT, 1))
                .addNode(TestModels.node("first", "Add", new String[] {"x", "b"}, new String[] {"a"}))
                .addNode(TestModels.node("second", "Relu", new String[] {"a"}, new String[] {"b"}))
                .addOutput(TestModels.value("b", TestModels.FLOAT, 1));
        OnnxModelException e = failsWith(TestModels.model(g, 13));
        assertTrue(e.getMessage().contains("cycle") && e.where().matches("first|second"), e.getMessage());
    }

    /** A long chain ending in a cycle: detected in linear time, not after minutes of searching. */
    @Test
    void cycleBehindALongChainIsFoundQuickly() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("long").addInput(TestModels.value("x", TestModels.FLOAT, 1));
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            g.addNode(TestModels.node("relu" + i, "Relu", new String[] {i == 0 ? "x" : "v" + (i - 1)},
                    new String[] {"v" + i}));
        }
        g.addNode(TestModels.node("loopA", "Add", new String[] {"v" + (n - 1), "b"}, new String[] {"a"}));
        g.addNode(TestModels.node("loopB", "Relu", new String[] {"a"}, new String[] {"b"}));
        g.addOutput(TestModels.value("b", TestModels.FLOAT, 1));
        byte[] model = TestModels.model(g, 13).toByteArray();
        OnnxModelException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(60), () -> assertThrows(OnnxModelException.class,
                        () -> OnnxImporter.load(model, null)));
        assertTrue(e.getMessage().contains("cycle") && e.where().startsWith("loop"), e.getMessage());
    }

    @Test
    void danglingInputNamesTheNodeAndValue() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("dangling")
                .addInput(TestModels.value("x", TestModels.FLOAT, 1))
                .addNode(TestModels.node("adder", "Add", new String[] {"x", "ghost"}, new String[] {"y"}))
                .addOutput(TestModels.value("y", TestModels.FLOAT, 1));
        OnnxModelException e = failsWith(TestModels.model(g, 13));
        assertEquals("adder", e.where());
        assertTrue(e.getMessage().contains("'ghost'"), e.getMessage());
    }

    @Test
    void valueProducedTwice() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("twice")
                .addInput(TestModels.value("x", TestModels.FLOAT, 1))
                .addNode(TestModels.node("one", "Relu", new String[] {"x"}, new String[] {"y"}))
                .addNode(TestModels.node("two", "Neg", new String[] {"x"}, new String[] {"y"}))
                .addOutput(TestModels.value("y", TestModels.FLOAT, 1));
        assertTrue(failsWith(TestModels.model(g, 13)).getMessage().contains("produced more than once"));
    }

    @Test
    void absurdInitializerShapes() {
        assertInitializerError(TestModels.floats("w", new long[] {2, -3}, 1, 2), "dimension 1 is negative");
        assertInitializerError(TestModels.floats("w", new long[] {1L << 62, 1L << 62, 1L << 62}, 1), "more than");
        assertInitializerError(TestModels.floats("w", new long[] {1L << 20, 1L << 20}, 1), "more than");
        // claims a billion floats, carries one: refused before anything is allocated
        assertInitializerError(TestModels.floats("w", new long[] {1_000_000_000}, 1), "raw_data holds 4 bytes");
        assertInitializerError(TestModels.floats("w", new long[] {3}, 1, 2), "needs 12");
        assertInitializerError(TensorProto.newBuilder().setName("w").setDataType(TestModels.FLOAT).addDims(3)
                .addFloatData(1).build(), "float_data holds 1 values");
    }

    @Test
    void wrongTypes() {
        assertInitializerError(TensorProto.newBuilder().setName("w").setDataType(TestModels.FLOAT).addDims(1)
                .addInt64Data(1).build(), "field other than float_data");
        assertInitializerError(TensorProto.newBuilder().setName("w").setDataType(99).addDims(1).build(),
                "unknown element type code 99");
        assertInitializerError(TensorProto.newBuilder().setName("w").addDims(1).build(), "UNDEFINED");
        AttributeProto mixed = AttributeProto.newBuilder().setName("alpha").setType(AttributeType.INT)
                .addFloats(1f).build();
        GraphProto.Builder g = GraphProto.newBuilder().setName("attr")
                .addInput(TestModels.value("x", TestModels.FLOAT, 1))
                .addNode(TestModels.node("lrelu", "LeakyRelu", new String[] {"x"}, new String[] {"y"}, mixed))
                .addOutput(TestModels.value("y", TestModels.FLOAT, 1));
        OnnxModelException e = failsWith(TestModels.model(g, 13));
        assertEquals("lrelu", e.where());
        assertTrue(e.getMessage().contains("attribute 'alpha' is declared INT but carries a FLOATS"), e.getMessage());
        GraphProto.Builder untyped = GraphProto.newBuilder().setName("untyped")
                .addInput(ValueInfoProto.newBuilder().setName("x"))
                .addOutput(TestModels.value("x", TestModels.FLOAT, 1));
        assertTrue(failsWith(TestModels.model(untyped, 13)).getMessage().contains("graph input 'x': has no type"));
    }

    @Test
    void absurdDeclaredShapes() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("huge")
                .addInput(TestModels.value("x", TestModels.FLOAT, 1L << 40, 1L << 40))
                .addOutput(TestModels.value("x", TestModels.FLOAT, 1));
        assertTrue(failsWith(TestModels.model(g, 13)).getMessage().contains("graph input 'x'"));
        GraphProto.Builder neg = GraphProto.newBuilder().setName("neg")
                .addInput(TestModels.value("x", TestModels.FLOAT, -4))
                .addOutput(TestModels.value("x", TestModels.FLOAT, 1));
        assertTrue(failsWith(TestModels.model(neg, 13)).getMessage().contains("negative"));
    }

    @Test
    void modelLevelProblems() {
        ModelProto noOpset = TestModels.linear().toBuilder().clearOpsetImport().build();
        assertTrue(failsWith(noOpset).getMessage().contains("no opset_import"));
        ModelProto dupInit = TestModels.linear().toBuilder().setGraph(TestModels.linear().getGraph().toBuilder()
                .addInitializer(TestModels.floats("b", new long[] {1}, 0))).build();
        assertTrue(failsWith(dupInit).getMessage().startsWith("initializer 'b': is defined twice"));
    }

    @Test
    void unsupportedButValidTypesAreReportedAsUnsupported() {
        TensorProto dbl = TensorProto.newBuilder().setName("d").setDataType(TensorProto.DataType.DOUBLE_VALUE)
                .addDims(1).addDoubleData(1.0).build();
        GraphProto.Builder g = GraphProto.newBuilder().setName("double").addInitializer(dbl)
                .addOutput(TestModels.value("d", TensorProto.DataType.DOUBLE_VALUE, 1));
        OnnxModelException e = failsWith(TestModels.model(g, 13));
        assertTrue(e instanceof OnnxUnsupportedException && e.getMessage().contains("DOUBLE"), e.getMessage());
    }

    /** Protobuf's recursion limit stops absurdly nested subgraphs before our decoder could overflow the stack. */
    @Test
    void deeplyNestedSubgraphs() {
        GraphProto.Builder inner = GraphProto.newBuilder().setName("leaf");
        for (int depth = 0; depth < 300; depth++) {
            inner = GraphProto.newBuilder().setName("level" + depth)
                    .addNode(TestModels.node("if" + depth, "If", new String[] {"c"}, new String[] {"y"},
                            AttributeProto.newBuilder().setName("then_branch").setType(AttributeType.GRAPH)
                                    .setG(inner).build()));
        }
        assertTrue(failsWith(TestModels.model(inner, 13)).getMessage().contains("not a valid ONNX model"));
    }

    @Test
    void externalDataMustStayInsideTheModelFolder(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("model"));
        Files.write(tmp.resolve("secret.bin"), new byte[8]);
        Files.write(dir.resolve("w.bin"), new byte[8]);
        Files.createSymbolicLink(dir.resolve("link.bin"), tmp.resolve("secret.bin"));
        assertExternal(dir, withExternal("../secret.bin", "0", "8"), "outside the model's folder");
        assertExternal(dir, withExternal(tmp.resolve("secret.bin").toString(), "0", "8"), "is absolute");
        assertExternal(dir, withExternal("link.bin", "0", "8"), "links outside");
        assertExternal(dir, withExternal("w.bin", "4", "8"), "holds 8 bytes, the tensor needs 8 from offset 4");
        assertExternal(dir, withExternal("w.bin", "0", "4"), "length 4 does not match");
        assertExternal(dir, withExternal("w.bin", "-1", "8"), "offset is negative");
        assertExternal(dir, withExternal("missing.bin", "0", "8"), "does not exist");
        String m = fails(withExternal("w.bin", "0", "8").toByteArray());
        assertTrue(m.contains("needs the model's folder"), m);
    }

    /** A model whose initializer w[2] (float) lives in an external file. */
    static ModelProto withExternal(String location, String offset, String length) {
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(TestModels.FLOAT).addDims(2)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(offset))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(length)).build();
        GraphProto.Builder g = GraphProto.newBuilder().setName("external").addInitializer(w)
                .addOutput(TestModels.value("w", TestModels.FLOAT, 2));
        return TestModels.model(g, 13);
    }

    private static void assertExternal(Path dir, ModelProto m, String expected) throws Exception {
        Path file = dir.resolve("m.onnx");
        Files.write(file, m.toByteArray());
        OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxImporter.load(file));
        assertTrue(e.getMessage().startsWith("initializer 'w'") && e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertInitializerError(TensorProto t, String expected) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("init").addInitializer(t)
                .addOutput(TestModels.value("w", TestModels.FLOAT, 1));
        String m = failsWith(TestModels.model(g, 13)).getMessage();
        assertTrue(m.startsWith("initializer 'w'") && m.contains(expected), m);
    }

    private static OnnxModelException failsWith(ModelProto m) {
        return assertThrows(OnnxModelException.class, () -> OnnxImporter.load(m.toByteArray(), null));
    }

    private static String fails(byte[] bytes) {
        return assertThrows(OnnxModelException.class, () -> OnnxImporter.load(bytes, null)).getMessage();
    }
}
