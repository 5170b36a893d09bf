package org.walle.engine.onnx.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.onnx.TestModels;
import org.walle.engine.onnx.internal.proto.OnnxProto.AttributeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.AttributeProto.AttributeType;
import org.walle.engine.onnx.internal.proto.OnnxProto.GraphProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.NodeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.UnsupportedOpException;
import org.walle.engine.runtime.internal.Planner;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * ONNX If whose branches read values of the enclosing graphs, imported and run on the engine against ONNX Runtime;
 * and the case the engine refuses: a condition that is only computed while running.
 */
class IfModelsTest {
    private static final Tensor X = Tensor.of(Shape.of(2, 3), 1, -2, 3, -4, 5, -6);

    private static Tensor mode(long v) {
        return Tensor.wrap(DType.INT64, Shape.scalar(), new long[] {v});
    }

    private static TensorProto int64Scalar(String name, long v) {
        return TensorProto.newBuilder().setName(name).setDataType(TestModels.INT64).addInt64Data(v).build();
    }

    private static AttributeProto branch(String name, GraphProto.Builder g) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.GRAPH).setG(g).build();
    }

    private static NodeProto ifNode(String name, String cond, String out, GraphProto.Builder then,
            GraphProto.Builder otherwise) {
        return TestModels.node(name, "If", new String[] {cond}, new String[] {out}, branch("then_branch", then),
                branch("else_branch", otherwise));
    }

    /** A branch computing {@code out = op(x[, extra])} from outer-scope values. */
    private static GraphProto.Builder branch(String name, String op, String out, String... inputs) {
        return GraphProto.newBuilder().setName(name).addNode(TestModels.node(name + "_" + op, op, inputs, new String[] {out}))
                .addOutput(TestModels.value(out, TestModels.FLOAT, 2, 3));
    }

    /** y = mode == 1 ? x * scale (scale a main-graph initializer) : -x. */
    private static GraphProto.Builder ifOnMode() {
        return GraphProto.newBuilder().setName("if_on_mode")
                .addInput(TestModels.value("x", TestModels.FLOAT, 2, 3)).addInput(TestModels.value("mode", TestModels.INT64))
                .addInitializer(TestModels.floats("scale", new long[0], 3f)).addInitializer(int64Scalar("one", 1))
                .addNode(TestModels.node("eq", "Equal", new String[] {"mode", "one"}, new String[] {"c"}))
                .addNode(ifNode("if", "c", "y", branch("then", "Mul", "t", "x", "scale"), branch("else", "Neg", "n", "x")))
                .addOutput(TestModels.value("y", TestModels.FLOAT, 2, 3));
    }

    @Test
    void branchesReadingOuterValuesMatchOnnxRuntime(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("if.onnx");
        Files.write(file, TestModels.model(ifOnMode(), 16).toByteArray());
        Session s = new Session(OnnxImporter.load(file));
        for (long m : new long[] {1, 0, 1}) {
            Map<String, Tensor> feeds = Map.of("x", X, "mode", mode(m));
            Tensor expected = OrtOracle.run(file, feeds).get("y");
            assertArrayEquals(expected.buffer(), s.run(feeds).get("y").buffer(), "mode " + m);
        }
    }

    @Test
    void conditionComputedOnlyAtRunTimeIsRefusedNamingTheIf(@TempDir Path tmp) throws Exception {
        // hostile: the inner If's condition 'ic' is computed in the main graph from the input 'inner' and read only
        // through the outer scope. ONNX Runtime branches while running; the engine plans ahead, so when a resize is
        // not given the value behind a condition (as Session does today for conditions read inside subgraphs:
        // its value-input search stops at the main graph) it must refuse clearly instead of guessing a branch
        GraphProto.Builder outerThen = GraphProto.newBuilder().setName("outer_then")
                .addNode(ifNode("inner_if", "ic", "z", branch("inner_then", "Neg", "zn", "x"),
                        branch("inner_else", "Relu", "zr", "x")))
                .addOutput(TestModels.value("z", TestModels.FLOAT, 2, 3));
        GraphProto.Builder g = GraphProto.newBuilder().setName("nested")
                .addInput(TestModels.value("x", TestModels.FLOAT, 2, 3)).addInput(TestModels.value("mode", TestModels.INT64))
                .addInput(TestModels.value("inner", TestModels.INT64)).addInitializer(int64Scalar("one", 1))
                .addNode(TestModels.node("eq", "Equal", new String[] {"mode", "one"}, new String[] {"c"}))
                .addNode(TestModels.node("eq_inner", "Equal", new String[] {"inner", "one"}, new String[] {"ic"}))
                .addNode(ifNode("outer_if", "c", "y", outerThen, branch("outer_else", "Identity", "xi", "x")))
                .addOutput(TestModels.value("y", TestModels.FLOAT, 2, 3));
        Path file = tmp.resolve("nested.onnx");
        Files.write(file, TestModels.model(g, 16).toByteArray());
        Map<String, Tensor> feeds = Map.of("x", X, "mode", mode(1), "inner", mode(1));
        float[] ort = OrtOracle.run(file, feeds).get("y").buffer();
        assertEquals(-1f, ort[0], "the model is valid: ONNX Runtime takes the inner then-branch");
        Graph graph = OnnxImporter.load(file);
        Planner planner = new Planner(graph, OpRegistry.standard(), true);
        Map<String, Shape> shapes = Map.of("x", X.getShape(), "mode", Shape.scalar(), "inner", Shape.scalar());
        UnsupportedOpException e = assertThrows(UnsupportedOpException.class,
                () -> planner.plan(shapes, Map.of("mode", mode(1))));
        assertEquals("inner_if", e.where());
        assertTrue(e.getMessage().contains("If condition must be known at resize time") && e.getMessage().contains("'ic'"),
                e.getMessage());
        // with the outer branch not taken, the inner If is never planned and the model runs
        assertArrayEquals(X.buffer(), new Session(graph).run(Map.of("x", X, "mode", mode(0), "inner", mode(1)))
                .get("y").buffer());
    }
}
