package org.walle.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Decomposer;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.graph.GraphException;
import org.walle.engine.ops.UnsupportedOpException;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Pre-inference behaviour: resize on shape change, value-determined shapes, folding, errors that name the node. */
class SessionTest {
    private static Graph reluSum() {
        return new GraphBuilder("dyn").input("x", DType.FLOAT32, Shape.of(Shape.DYNAMIC, 3))
                .node("relu", "Relu", List.of("x"), "r")
                .node("sum", "ReduceSum", List.of("r"), List.of("y"), Map.of("keepdims", 0L)).output("y").build();
    }

    @Test
    void newInputShapesTriggerANewResizeAndSameShapesDoNot() {
        Session s = new Session(reluSum());
        Tensor small = Tensor.of(Shape.of(2, 3), 1, -2, 3, 4, 5, -6);
        assertEquals(13f, s.run(Map.of("x", small)).get("y").get(0));
        ResizeReport first = s.lastReport();
        s.run(Map.of("x", Tensor.of(Shape.of(2, 3), 1, 1, 1, 1, 1, 1)));
        assertSame(first, s.lastReport(), "same shapes: run only executes kernels");
        float[] big = new float[12];
        java.util.Arrays.fill(big, 2);
        assertEquals(24f, s.run(Map.of("x", Tensor.wrap(Shape.of(4, 3), big))).get("y").get(0));
        assertNotSame(first, s.lastReport());
        assertEquals(Shape.of(4, 3), s.lastReport().inputShapes().get("x"));
        assertEquals(Shape.of(4, 3), s.lastReport().types().get("r").shape(), "dynamic dim resolved at resize");
    }

    @Test
    void declaredStaticDimsAreEnforced() {
        Session s = new Session(reluSum());
        GraphException e = assertThrows(GraphException.class, () -> s.resize(Map.of("x", Shape.of(2, 4))));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        assertThrows(GraphException.class, () -> s.run(Map.of("x", Tensor.ofLongs(Shape.of(1, 3), 1, 2, 3))));
    }

    @Test
    void reshapeTargetFedAtRunTimeResizesWhenItsValueChanges() {
        Graph g = new GraphBuilder("rs").input("x", DType.FLOAT32, Shape.of(2, 3)).input("shape", DType.INT64, Shape.of(2))
                .node("reshape", "Reshape", List.of("x", "shape"), "y").output("y").build();
        Session s = new Session(g);
        assertEquals(java.util.Set.of("shape"), s.valueInputs());
        Tensor x = Tensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        assertEquals(Shape.of(3, 2), s.run(Map.of("x", x, "shape", Tensor.ofLongs(Shape.of(2), 3, 2))).get("y").getShape());
        assertEquals(Shape.of(1, 6), s.run(Map.of("x", x, "shape", Tensor.ofLongs(Shape.of(2), 1, -1))).get("y").getShape());
        GraphException e = assertThrows(GraphException.class, () -> s.resize(Map.of("x", Shape.of(2, 3), "shape", Shape.of(2))));
        assertTrue(e.getMessage().contains("determines shapes"), e.getMessage());
    }

    @Test
    void shapeArithmeticIsFoldedAtResize() {
        Graph g = new GraphBuilder("fold").input("x", DType.FLOAT32, Shape.of(Shape.DYNAMIC, 4))
                .initializer("zero", Tensor.ofLongs(Shape.scalar(), 0))
                .initializer("minus1", Tensor.ofLongs(Shape.of(1), -1))
                .initializer("axes", Tensor.ofLongs(Shape.of(1), 0))
                .node("shape", "Shape", List.of("x"), "s")
                .node("first", "Gather", List.of("s", "zero"), "n")
                .node("unsq", "Unsqueeze", List.of("n", "axes"), "n1")
                .node("cat", "Concat", List.of("n1", "minus1"), List.of("target"), Map.of("axis", 0L))
                .node("reshape", "Reshape", List.of("x", "target"), "y").output("y").build();
        Session s = new Session(g);
        ResizeReport r = s.resize(Map.of("x", Shape.of(3, 4)));
        assertEquals(3, r.merges().foldedNodes(), "Gather, Unsqueeze, Concat on the constant shape fold");
        assertTrue(r.commands().isEmpty(), "the reshape is a free alias: " + r.commands());
        assertEquals(Shape.of(3, 4), r.types().get("y").shape());
    }

    @Test
    void unsupportedOpsAreRefusedWithOpAndOpset() {
        Graph g = new GraphBuilder("odd").opset(17).input("x", DType.FLOAT32, Shape.of(1))
                .node("weird", "NoSuchOp", List.of("x"), "y").output("y").build();
        UnsupportedOpException e = assertThrows(UnsupportedOpException.class, () -> new Session(g));
        assertEquals("weird", e.where());
        assertTrue(e.getMessage().endsWith("unsupported op NoSuchOp (opset 17)"), e.getMessage());
    }

    @Test
    void badShapesNameTheNode() {
        Graph g = new GraphBuilder("bad").input("a", DType.FLOAT32, Shape.of(2, 3)).input("b", DType.FLOAT32, Shape.of(4))
                .node("plus", "Add", List.of("a", "b"), "y").output("y").build();
        GraphException e = assertThrows(GraphException.class, () -> new Session(g).resize(Map.of("a", Shape.of(2, 3), "b", Shape.of(4))));
        assertEquals("plus", e.where());
        assertTrue(e.getMessage().contains("[2,3]") && e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void runtimeGatherIndexOutOfRangeNamesTheNode() {
        Graph g = new GraphBuilder("g").input("x", DType.FLOAT32, Shape.of(3)).input("i", DType.INT64, Shape.of(1))
                .node("pick", "Gather", List.of("x", "i"), "y").output("y").build();
        Session s = new Session(g);
        Tensor x = Tensor.of(Shape.of(3), 1, 2, 3);
        assertArrayEquals(new float[] {3}, s.run(Map.of("x", x, "i", Tensor.ofLongs(Shape.of(1), -1))).get("y").toFloatArray());
        GraphException e = assertThrows(GraphException.class, () -> s.run(Map.of("x", x, "i", Tensor.ofLongs(Shape.of(1), 3))));
        assertEquals("pick", e.where());
    }

    @Test
    void inspectionShowsConvWithRuntimeWeightsAsIm2ColMatMulAndRegions() {
        Graph g = new GraphBuilder("conv").input("x", DType.FLOAT32, Shape.of(1, 2, 5, 5)).input("w", DType.FLOAT32, Shape.of(3, 2, 3, 3))
                .node("conv", "Conv", List.of("x", "w"), List.of("y"), Map.of("pads", new long[] {1, 1, 1, 1}))
                .node("relu", "Relu", List.of("y"), "z").output("z").build();
        ResizeReport r = Decomposer.inspect(g, Map.of("x", Shape.of(1, 2, 5, 5), "w", Shape.of(3, 2, 3, 3)));
        List<AtomicOp> ops = Decomposer.commandsOf(r, g, "conv").stream().map(c -> c.op()).toList();
        assertEquals(List.of(AtomicOp.RASTER, AtomicOp.RASTER, AtomicOp.MATMUL), ops, "pad, im2col, matmul");
        String text = Decomposer.format(Decomposer.commandsOf(r, g, "conv"));
        assertTrue(text.contains("fill=0.0") && text.contains("Region{"), text);
        assertEquals(18, text.lines().filter(l -> l.contains("Region{")).count() - 1, "one im2col region per (c, ky, kx)");
        assertThrows(GraphException.class, () -> Decomposer.commandsOf(r, g, "nope"));
    }
}
