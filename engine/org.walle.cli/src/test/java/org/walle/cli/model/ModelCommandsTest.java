package org.walle.cli.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.cli.WalleCommand;
import org.walle.engine.onnx.Npy;
import org.walle.engine.onnx.internal.proto.OnnxProto.GraphProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.ModelProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.NodeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.OperatorSetIdProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorShapeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TypeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.ValueInfoProto;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** {@code walle run} and {@code walle inspect} on a model built here: y = Relu(x @ w + b), x[batch,2]. */
public class ModelCommandsTest {
    @TempDir
    Path dir;
    Path model;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeModel() throws Exception {
        model = dir.resolve("tiny.onnx");
        Files.write(model, tinyModel().toByteArray());
    }

    private int walle(String... args) {
        return WalleCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void runReadsNpyInputsAndWritesNpyOutputs() throws Exception {
        Npy.write(dir.resolve("x.npy"), Tensor.of(Shape.of(2, 2), 1, 0, -1, -1));
        Path outDir = dir.resolve("out");
        assertEquals(0, walle("run", model.toString(), "--input", "x=" + dir.resolve("x.npy"), "--output",
                outDir.toString()), err.toString());
        Tensor y = Npy.read(outDir.resolve("y_out.npy"));
        // row 1: [1,0]@w = [1,2,3] + b = [1.5,1,5]; row 2: [-1,-1]@w = [-5,-7,-9] + b -> all negative -> 0
        assertArrayEquals(new float[] {1.5f, 1, 5, 0, 0, 0}, y.buffer());
        assertTrue(out.toString().contains("wrote"), out.toString());
    }

    @Test
    void runWithRandomInputUsesTheDeclaredShape() throws Exception {
        assertEquals(0, walle("run", model.toString(), "--input", "x=random", "--shape", "x=3,2", "--output",
                dir.resolve("r").toString()), err.toString());
        assertEquals(Shape.of(3, 3), Npy.read(dir.resolve("r/y_out.npy")).getShape());
    }

    @Test
    void runNamesAMissingOrUnknownInput() {
        assertNotEquals(0, walle("run", model.toString(), "--output", dir.toString()));
        assertTrue(err.toString().contains("no value for input 'x'"), err.toString());
        assertNotEquals(0, walle("run", model.toString(), "--input", "nope=random", "--output", dir.toString()));
        assertTrue(err.toString().contains("no input 'nope'"), err.toString());
    }

    @Test
    void runReportsABrokenModelFile() throws Exception {
        Path broken = dir.resolve("broken.onnx");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertNotEquals(0, walle("run", broken.toString(), "--input", "x=random", "--output", dir.toString()));
        assertTrue(err.toString().contains("broken.onnx"), err.toString());
    }

    @Test
    void inspectListsInputsOutputsAndOpCounts() {
        assertEquals(0, walle("inspect", model.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("x FLOAT32[?,2]"), text);
        assertTrue(text.contains("y/out FLOAT32[?,3]"), text);
        assertTrue(text.contains("initializers: 2 tensors, 36 bytes"), text);
        assertTrue(text.matches("(?s).*MatMul\\s+1.*"), text);
        assertTrue(text.contains("input shapes: {x=[1,2]}"), text);
        assertTrue(text.matches("(?s).*after decomposition: \\d+ atomic commands.*MATMUL\\s+1.*"), text);
        assertTrue(text.contains("memory plan: peak"), text);
    }

    @Test
    void inspectResizesOnTheGivenShape() {
        assertEquals(0, walle("inspect", model.toString(), "--shape", "x=5,2"), err.toString());
        assertTrue(out.toString().contains("input shapes: {x=[5,2]}"), out.toString());
    }

    @Test
    void inspectOneNode() {
        assertEquals(0, walle("inspect", model.toString(), "--op", "mm"), err.toString());
        assertTrue(out.toString().contains("node mm (MatMul)"), out.toString());
        assertTrue(out.toString().contains("w FLOAT32[2,3] [initializer]"), out.toString());
        assertTrue(out.toString().matches("(?s).*decomposition \\(1 atomic commands\\):\\s+MATMUL.*"), out.toString());
        assertNotEquals(0, walle("inspect", model.toString(), "--op", "nope"));
        assertTrue(err.toString().contains("no node named 'nope'"), err.toString());
    }

    public static ModelProto tinyModel() {
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(2).addDims(3).addFloatData(1).addFloatData(2).addFloatData(3).addFloatData(4)
                .addFloatData(5).addFloatData(6).build();
        TensorProto b = TensorProto.newBuilder().setName("b").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(3).addFloatData(0.5f).addFloatData(-1).addFloatData(2).build();
        GraphProto g = GraphProto.newBuilder().setName("tiny").addInput(value("x", 2)).addInitializer(w)
                .addInitializer(b)
                .addNode(NodeProto.newBuilder().setName("mm").setOpType("MatMul").addInput("x").addInput("w")
                        .addOutput("xw"))
                .addNode(NodeProto.newBuilder().setName("add").setOpType("Add").addInput("xw").addInput("b")
                        .addOutput("z"))
                .addNode(NodeProto.newBuilder().setName("relu").setOpType("Relu").addInput("z").addOutput("y/out"))
                .addOutput(value("y/out", 3)).build();
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(g).build();
    }

    private static ValueInfoProto value(String name, long cols) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(cols)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
