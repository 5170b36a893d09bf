package org.walle.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.ops.OpHarness;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Merged rasters must compute exactly what the unmerged (every view materialised) plan computes. */
class MergeTest {

    /** x -> Transpose -> Slice -> Transpose -> Reshape -> Relu, with random shapes and permutations. */
    private static Graph chain(Random rnd, long[] d) {
        List<Integer> p1 = new ArrayList<>(List.of(0, 1, 2));
        List<Integer> p2 = new ArrayList<>(List.of(0, 1, 2));
        Collections.shuffle(p1, rnd);
        Collections.shuffle(p2, rnd);
        long[] t1 = {d[p1.get(0)], d[p1.get(1)], d[p1.get(2)]};
        int axis = rnd.nextInt(3);
        long start = rnd.nextInt((int) t1[axis]);
        long step = 1 + rnd.nextInt(2);
        return new GraphBuilder("chain").input("x", DType.FLOAT32, Shape.of(d))
                .initializer("starts", Tensor.ofLongs(Shape.of(1), start))
                .initializer("ends", Tensor.ofLongs(Shape.of(1), 100))
                .initializer("axes", Tensor.ofLongs(Shape.of(1), axis))
                .initializer("steps", Tensor.ofLongs(Shape.of(1), step))
                .initializer("flat", Tensor.ofLongs(Shape.of(1), -1))
                .node("t1", "Transpose", List.of("x"), List.of("a"), Map.of("perm", ints(p1)))
                .node("s", "Slice", List.of("a", "starts", "ends", "axes", "steps"), List.of("b"), Map.of())
                .node("t2", "Transpose", List.of("b"), List.of("c"), Map.of("perm", ints(p2)))
                .node("r", "Reshape", List.of("c", "flat"), "e")
                .node("relu", "Relu", List.of("e"), "y")
                .output("y").build();
    }

    private static long[] ints(List<Integer> p) {
        return p.stream().mapToLong(Integer::longValue).toArray();
    }

    @Test
    void mergedChainsEqualUnmergedOnRandomShapes() {
        Random rnd = new Random(21);
        int merges = 0;
        for (int t = 0; t < 40; t++) {
            long[] d = OpHarness.randomDims(rnd, 3, 5);
            Graph g = chain(rnd, d);
            Tensor x = OpHarness.random(rnd, d);
            Session merged = new Session(g, OpRegistry.standard(), true);
            Session unmerged = new Session(g, OpRegistry.standard(), false);
            Tensor a = merged.run(Map.of("x", x)).get("y");
            Tensor b = unmerged.run(Map.of("x", x)).get("y");
            assertArrayEquals(b.toFloatArray(), a.toFloatArray());
            int rastersMerged = merged.lastReport().merges().rasters();
            int rastersUnmerged = unmerged.lastReport().merges().rasters();
            assertTrue(rastersMerged <= rastersUnmerged, rastersMerged + " > " + rastersUnmerged);
            merges += merged.lastReport().merges().verticalMerges();
        }
        assertTrue(merges > 40, "chains of single-region views should compose, merged " + merges);
    }

    @Test
    void concatOfTransposedInputsIsOneRasterWithARegionPerInput() {
        Graph g = new GraphBuilder("cat").input("a", DType.FLOAT32, Shape.of(2, 3)).input("b", DType.FLOAT32, Shape.of(2, 3))
                .input("c", DType.FLOAT32, Shape.of(3, 2))
                .node("ta", "Transpose", List.of("a"), "at").node("tb", "Transpose", List.of("b"), "bt")
                .node("cat", "Concat", List.of("at", "bt", "c"), List.of("abc"), Map.of("axis", 0L))
                .node("neg", "Neg", List.of("abc"), "y").output("y").build();
        Session s = new Session(g);
        Random rnd = new Random(5);
        Tensor a = OpHarness.random(rnd, 2, 3);
        Tensor b = OpHarness.random(rnd, 2, 3);
        Tensor c = OpHarness.random(rnd, 3, 2);
        Tensor y = s.run(Map.of("a", a, "b", b, "c", c)).get("y");
        ResizeReport r = s.lastReport();
        List<Command> rasters = r.commands().stream().filter(cmd -> cmd.op() == AtomicOp.RASTER).toList();
        assertEquals(1, rasters.size(), "transposes merge into the concat, one raster copies all: " + r.commands());
        assertEquals(3, ((Params.Raster) rasters.get(0).params()).regions().size());
        assertEquals(1, r.merges().multiRegionRasters());
        assertEquals(Shape.of(9, 2), y.getShape());
        assertEquals(-a.get(1 * 3 + 0), y.get(0 * 2 + 1), "at[0][1] = a[1][0]");
        assertEquals(-b.get(1 * 3 + 2), y.get(5 * 2 + 1), "bt[2][1] = b[1][2]");
        assertEquals(-c.get(5), y.get(8 * 2 + 1), "the last rows are c");
    }

    @Test
    void reshapeOfARealTensorIsAFreeAlias() {
        Graph g = new GraphBuilder("alias").input("x", DType.FLOAT32, Shape.of(2, 6))
                .initializer("s", Tensor.ofLongs(Shape.of(2), 3, 4))
                .node("relu", "Relu", List.of("x"), "r").node("reshape", "Reshape", List.of("r", "s"), "v")
                .node("neg", "Neg", List.of("v"), "y").output("y").build();
        Session s = new Session(g);
        s.run(Map.of("x", Tensor.zeros(Shape.of(2, 6))));
        assertEquals(0, s.lastReport().merges().rasters());
        assertEquals(1, s.lastReport().merges().aliases());
    }
}
