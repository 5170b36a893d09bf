package org.walle.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.graph.GraphException;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Scan unrolled at resize time: running sums in both directions and along other axes, and shapes that do not fit. */
class ScanUnrollingTest {
    private static final Tensor X = Tensor.of(Shape.of(3, 2), 1, 2, 3, 4, 5, 6);

    /** Body: s_out = s + x_t * w (w read from the main graph); y = s_out. */
    private static Graph scan(Map<String, Object> extraAttrs, Shape xShape, int opset) {
        Graph body = new GraphBuilder("body").outerScope(Set.of("w"))
                .input("s", DType.FLOAT32, Shape.of(2)).input("xt", DType.FLOAT32, Shape.of(2))
                .node("mul", "Mul", List.of("xt", "w"), "xw")
                .node("add", "Add", List.of("s", "xw"), "s_out")
                .node("copy", "Identity", List.of("s_out"), "y")
                .output("s_out").output("y").build();
        Map<String, Object> attrs = new HashMap<>(extraAttrs);
        attrs.put("body", body);
        attrs.put("num_scan_inputs", 1L);
        return new GraphBuilder("main").opset(opset).input("x", DType.FLOAT32, xShape)
                .initializer("s0", Tensor.zeros(Shape.of(2))).initializer("w", Tensor.of(Shape.of(2), 1, 10))
                .node("scan", "Scan", List.of("s0", "x"), List.of("s_final", "ys"), attrs)
                .output("s_final").output("ys").build();
    }

    private static Map<String, Tensor> run(Map<String, Object> attrs) {
        return new Session(scan(attrs, Shape.of(3, 2), 11)).run(Map.of("x", X));
    }

    @Test
    void runningSumForward() {
        Map<String, Tensor> out = run(Map.of());
        assertArrayEquals(new float[] {9, 120}, out.get("s_final").buffer());
        assertEquals(Shape.of(3, 2), out.get("ys").getShape());
        assertArrayEquals(new float[] {1, 20, 4, 60, 9, 120}, out.get("ys").buffer());
    }

    @Test
    void reversedInputAndOutputDirections() {
        // input read last row first: sums 5, 8, 9 (x10 in column 1); a reversed output puts iteration t at 2 - t
        assertArrayEquals(new float[] {5, 60, 8, 100, 9, 120},
                run(Map.of("scan_input_directions", new long[] {1})).get("ys").buffer());
        assertArrayEquals(new float[] {9, 120, 8, 100, 5, 60},
                run(Map.of("scan_input_directions", new long[] {1}, "scan_output_directions", new long[] {1}))
                        .get("ys").buffer());
    }

    @Test
    void otherScanAxes() {
        // scanning x^T [2,3] along axis 1 is scanning x along axis 0; stacking along axis 1 transposes ys
        Tensor xt = Tensor.of(Shape.of(2, 3), 1, 3, 5, 2, 4, 6);
        Map<String, Tensor> out = new Session(scan(Map.of("scan_input_axes", new long[] {1}, "scan_output_axes",
                new long[] {-1}), Shape.of(2, 3), 11)).run(Map.of("x", xt));
        assertEquals(Shape.of(2, 3), out.get("ys").getShape());
        assertArrayEquals(new float[] {1, 4, 9, 20, 60, 120}, out.get("ys").buffer());
    }

    @Test
    void scanAxisOutOfRangeIsRefused() {
        // hostile: axis 2 of a rank-2 input
        GraphException e = assertThrows(GraphException.class, () -> run(Map.of("scan_input_axes", new long[] {2})));
        assertEquals("scan", e.where());
    }

    @Test
    void opset8BatchedFormRunsPerBatchEntry() {
        // opset 8: [sequence_lens], states [batch, 2], scan inputs [batch, seq, 2]; two batch entries, x and 2x
        Graph body = new GraphBuilder("body").input("s", DType.FLOAT32, Shape.of(2)).input("xt", DType.FLOAT32, Shape.of(2))
                .node("add", "Add", List.of("s", "xt"), "s_out").node("copy", "Identity", List.of("s_out"), "y")
                .output("s_out").output("y").build();
        float[] both = new float[12];
        for (int i = 0; i < 6; i++) {
            both[i] = X.buffer()[i];
            both[6 + i] = 2 * X.buffer()[i];
        }
        Graph g = new GraphBuilder("main").opset(8).input("x", DType.FLOAT32, Shape.of(2, 3, 2))
                .initializer("s0", Tensor.zeros(Shape.of(2, 2)))
                .node("scan", "Scan", List.of("", "s0", "x"), List.of("s_final", "ys"),
                        Map.of("body", body, "num_scan_inputs", 1L, "directions", new long[] {1}))
                .output("s_final").output("ys").build();
        Map<String, Tensor> out = new Session(g).run(Map.of("x", Tensor.wrap(Shape.of(2, 3, 2), both)));
        assertArrayEquals(new float[] {9, 12, 18, 24}, out.get("s_final").buffer());
        assertEquals(Shape.of(2, 3, 2), out.get("ys").getShape());
        // reversed input: running sums from the last row
        assertArrayEquals(new float[] {5, 6, 8, 10, 9, 12, 10, 12, 16, 20, 18, 24}, out.get("ys").buffer());
    }

    @Test
    void scanInputsOfDifferentLengthsAreRefused() {
        // hostile: two scan inputs whose scan axes disagree
        Graph body = new GraphBuilder("body").input("a", DType.FLOAT32, Shape.of(2)).input("b", DType.FLOAT32, Shape.of(2))
                .node("add", "Add", List.of("a", "b"), "y").output("y").build();
        Graph g = new GraphBuilder("main").opset(11).input("x", DType.FLOAT32, Shape.of(3, 2)).input("z", DType.FLOAT32, Shape.of(4, 2))
                .node("scan", "Scan", List.of("x", "z"), List.of("ys"), Map.of("body", body, "num_scan_inputs", 2L))
                .output("ys").build();
        GraphException e = assertThrows(GraphException.class, () -> new Session(g).run(Map.of("x", X,
                "z", Tensor.zeros(Shape.of(4, 2)))));
        assertEquals("scan", e.where());
        assertTrue(e.getMessage().contains("disagree on the sequence length"), e.getMessage());
    }
}
