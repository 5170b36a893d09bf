package org.walle.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.graph.GraphException;
import org.walle.engine.graph.ValueInfo;
import org.walle.engine.ops.UnsupportedOpException;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Loop unrolled at resize time: carried values, scan outputs, outer-scope reads, and loops that cannot unroll. */
class LoopUnrollingTest {
    private static final Tensor X = Tensor.of(Shape.of(2), 1, 10);
    private static final Tensor S0 = Tensor.of(Shape.of(2), 0.5f, -1);

    /**
     * Body: s_out = s + x (x read from the main graph), scan = s_out * float(i), cond_out = condExpr.
     * {@code condFromData}: cond_out = s_out[0] < 100, a run-time value; else cond_out = i < 4.
     */
    private static Graph body(boolean condFromData) {
        GraphBuilder b = new GraphBuilder("body").outerScope(Set.of("x"))
                .input("i", DType.INT64, Shape.scalar()).input("c", DType.BOOL, Shape.scalar())
                .input("s", DType.FLOAT32, Shape.of(2))
                .node("acc", "Add", List.of("s", "x"), "s_out")
                .node("fi", "Cast", List.of("i"), List.of("f"), Map.of("to", 1L))
                .node("scale", "Mul", List.of("s_out", "f"), "scan");
        if (condFromData) {
            b.initializer("hundred", Tensor.of(Shape.of(2), 100, 100)).node("lt", "Less", List.of("s_out", "hundred"), "lts")
                    .initializer("zero", Tensor.ofLongs(Shape.of(1), 0))
                    .node("first", "Gather", List.of("lts", "zero"), List.of("c_out"), Map.of());
        } else {
            b.initializer("four", Tensor.ofLongs(Shape.scalar(), 4)).node("lt", "Less", List.of("i", "four"), "c_out");
        }
        return b.value(new ValueInfo("scan", DType.FLOAT32, Shape.of(2))).output("c_out").output("s_out").output("scan").build();
    }

    private static Graph loop(boolean withTripCount, boolean withCond, boolean condFromData) {
        GraphBuilder b = new GraphBuilder("main").input("x", DType.FLOAT32, Shape.of(2)).input("s0", DType.FLOAT32, Shape.of(2));
        List<String> in = new ArrayList<>(List.of("", "", "s0"));
        if (withTripCount) {
            b.input("m", DType.INT64, Shape.scalar());
            in.set(0, "m");
        }
        if (withCond) {
            b.initializer("go", Tensor.wrap(DType.BOOL, Shape.scalar(), new byte[] {1}));
            in.set(1, "go");
        }
        return b.node("loop", "Loop", in, List.of("s_final", "scans"), Map.of("body", body(condFromData)))
                .output("s_final").output("scans").build();
    }

    private static Map<String, Tensor> feeds(long m) {
        return Map.of("x", X, "s0", S0, "m", Tensor.ofLongs(Shape.scalar(), m));
    }

    @Test
    void tripCountUnrollsCarriedAndScanOutputs() {
        Session s = new Session(loop(true, false, false));
        assertEquals(Set.of("m"), s.valueInputs(), "the trip count is read by value");
        Map<String, Tensor> out = s.run(feeds(3));
        assertArrayEquals(new float[] {3.5f, 29}, out.get("s_final").buffer());
        // iteration i scans (s0 + (i+1) x) * i
        assertEquals(Shape.of(3, 2), out.get("scans").getShape());
        assertArrayEquals(new float[] {0, 0, 2.5f, 19, 7, 58}, out.get("scans").buffer());
        assertEquals(Shape.of(5, 2), s.run(feeds(5)).get("scans").getShape(), "a new trip count resizes");
    }

    @Test
    void conditionComputedFromTheIterationEndsTheLoop() {
        // i < 4 is false in iteration 4: five iterations although the trip count allows 10
        Map<String, Tensor> out = new Session(loop(true, true, false)).run(feeds(10));
        assertEquals(Shape.of(5, 2), out.get("scans").getShape());
        assertArrayEquals(new float[] {5.5f, 49}, out.get("s_final").buffer());
        Map<String, Tensor> noCount = new Session(loop(false, true, false)).run(Map.of("x", X, "s0", S0));
        assertEquals(Shape.of(5, 2), noCount.get("scans").getShape());
    }

    @Test
    void zeroIterationsGiveTheInitialValuesAndAnEmptyScan() {
        Map<String, Tensor> out = new Session(loop(true, false, false)).run(feeds(0));
        assertArrayEquals(S0.buffer(), out.get("s_final").buffer());
        assertEquals(Shape.of(0, 2), out.get("scans").getShape());
    }

    @Test
    void conditionDependingOnRunTimeDataIsRefused() {
        // hostile: when the loop ends depends on s, which only exists at run time; unrolling would have to guess
        UnsupportedOpException e = assertThrows(UnsupportedOpException.class,
                () -> new Session(loop(true, true, true)).run(feeds(10)));
        assertEquals("loop", e.where());
        assertTrue(e.getMessage().contains("Loop condition computed by the body ('c_out') must be a single value known"),
                e.getMessage());
    }

    @Test
    void absurdTripCountIsRefusedBeforeUnrolling() {
        // hostile: a trip count of a million would copy the body a million times into the plan
        UnsupportedOpException e = assertThrows(UnsupportedOpException.class,
                () -> new Session(loop(true, false, false)).run(feeds(1_000_000)));
        assertTrue(e.getMessage().contains("at most 4096 iterations"), e.getMessage());
    }

    @Test
    void loopWithoutTripCountOrConditionIsRefused() {
        // hostile: ONNX's "run forever" form cannot be unrolled
        GraphException e = assertThrows(GraphException.class,
                () -> new Session(loop(false, false, false)).run(Map.of("x", X, "s0", S0)));
        assertEquals("loop", e.where());
        assertTrue(e.getMessage().contains("run forever"), e.getMessage());
    }
}
