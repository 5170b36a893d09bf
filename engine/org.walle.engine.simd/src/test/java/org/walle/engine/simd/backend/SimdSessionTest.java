package org.walle.engine.simd.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.runtime.ResizeReport;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Whole graphs through {@link Session}: cpu-simd (pinned, 1 and 2 threads) must give the outputs of cpu-ref within
 * 1e-4 of the largest |output|, and the search report must show cpu-simd running the conv and matmul nodes with
 * its algorithm names.
 */
class SimdSessionTest {
    private final Random random = new Random(41);

    private Tensor random(long... dims) {
        float[] v = new float[Math.toIntExact(Shape.of(dims).size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat() - 0.5f;
        }
        return Tensor.wrap(Shape.of(dims), v);
    }

    /** Conv(3->8, 3x3, pad 1) + Relu + MaxPool 2x2 + Flatten + Gemm(512->10, transB) + Softmax. */
    private Graph convNet() {
        return new GraphBuilder("convnet").input("x", DType.FLOAT32, Shape.of(Shape.DYNAMIC, 3, 16, 16))
                .initializer("w", random(8, 3, 3, 3)).initializer("b", random(8))
                .initializer("fw", random(10, 512)).initializer("fb", random(10))
                .node("conv", "Conv", List.of("x", "w", "b"), List.of("c"), Map.of("pads", new long[] {1, 1, 1, 1}))
                .node("relu", "Relu", List.of("c"), "r")
                .node("pool", "MaxPool", List.of("r"), List.of("p"), Map.of("kernel_shape", new long[] {2, 2},
                        "strides", new long[] {2, 2}))
                .node("flat", "Flatten", List.of("p"), "f")
                .node("fc", "Gemm", List.of("f", "fw", "fb"), List.of("logits"), Map.of("transB", 1L))
                .node("softmax", "Softmax", List.of("logits"), List.of("y"), Map.of("axis", 1L))
                .output("y").build();
    }

    /** Single-head-pair attention over [2, 5, 16]: projections, batched Q x K^T, Softmax, x V, residual, LayerNorm. */
    private Graph attention() {
        return new GraphBuilder("attention").input("x", DType.FLOAT32, Shape.of(2, 5, 16))
                .initializer("wq", random(16, 16)).initializer("wk", random(16, 16)).initializer("wv", random(16, 16))
                .initializer("heads", Tensor.ofLongs(Shape.of(4), 2, 5, 2, 8))
                .initializer("merged", Tensor.ofLongs(Shape.of(3), 2, 5, 16))
                .initializer("gamma", random(16)).initializer("beta", random(16))
                .node("q", "MatMul", List.of("x", "wq"), "q0").node("k", "MatMul", List.of("x", "wk"), "k0")
                .node("v", "MatMul", List.of("x", "wv"), "v0")
                .node("qr", "Reshape", List.of("q0", "heads"), "q1").node("kr", "Reshape", List.of("k0", "heads"), "k1")
                .node("vr", "Reshape", List.of("v0", "heads"), "v1")
                .node("qt", "Transpose", List.of("q1"), List.of("q2"), Map.of("perm", new long[] {0, 2, 1, 3}))
                .node("kt", "Transpose", List.of("k1"), List.of("k2"), Map.of("perm", new long[] {0, 2, 3, 1}))
                .node("vt", "Transpose", List.of("v1"), List.of("v2"), Map.of("perm", new long[] {0, 2, 1, 3}))
                .node("scores", "MatMul", List.of("q2", "k2"), "s")
                .node("probs", "Softmax", List.of("s"), List.of("a"), Map.of("axis", -1L))
                .node("context", "MatMul", List.of("a", "v2"), "ctx")
                .node("back", "Transpose", List.of("ctx"), List.of("ctx1"), Map.of("perm", new long[] {0, 2, 1, 3}))
                .node("merge", "Reshape", List.of("ctx1", "merged"), "ctx2")
                .node("residual", "Add", List.of("ctx2", "x"), "sum")
                .node("norm", "LayerNormalization", List.of("sum", "gamma", "beta"), List.of("y"),
                        Map.of("axis", -1L, "epsilon", 1e-5f))
                .output("y").build();
    }

    @Test
    void convNetOnCpuSimdEqualsCpuRefAndRunsConvAndGemmOnSimd() {
        Graph g = convNet();
        for (int threads = 1; threads <= 2; threads++) {
            for (int batch : new int[] {1, 3}) {
                Map<String, Tensor> feeds = Map.of("x", random(batch, 3, 16, 16));
                SearchReport search = compare(g, feeds, threads);
                assertOnSimd(search, "conv", "sliding-window", "im2col-gemm", "winograd-f2", "winograd-f4",
                        "winograd-f6", "implicit-gemm");
                assertOnSimd(search, "fc", "gemm-tiled mc=");
                assertOnSimd(search, "pool", "vector-max");
                assertOnSimd(search, "softmax", "vector-rows");
            }
        }
    }

    @Test
    void attentionBlockOnCpuSimdEqualsCpuRefAndRunsBatchedMatMulOnSimd() {
        Graph g = attention();
        for (int threads = 1; threads <= 2; threads++) {
            SearchReport search = compare(g, Map.of("x", random(2, 5, 16)), threads);
            assertOnSimd(search, "q", "gemm-tiled mc=");
            assertOnSimd(search, "scores", "batched-gemm x4");
            assertOnSimd(search, "context", "batched-gemm x4");
            assertOnSimd(search, "norm", "vector-rows");
        }
    }

    @Test
    void autoSearchPicksCpuSimdForTheConvNet() {
        Graph g = convNet();
        try (Session auto = new Session(g, SessionOptions.defaults().withThreads(2))) {
            ResizeReport r = auto.resize(Map.of("x", Shape.of(4, 3, 16, 16)));
            assertEquals("cpu-simd", r.search().chosenBackend(), "totals: " + r.search().totals());
            assertFalse(r.search().pinned());
            assertTrue(r.search().total("cpu-simd").totalSeconds() < r.search().total("cpu-ref").totalSeconds());
        }
    }

    @Test
    void measuringModeTimesEveryConvAlgorithmAndKeepsAResultEqualToCpuRef() {
        Graph g = convNet();
        Map<String, Tensor> feeds = Map.of("x", random(2, 3, 16, 16));
        Map<String, Tensor> expected;
        try (Session ref = new Session(g, SessionOptions.defaults().withBackend("cpu-ref").withThreads(1))) {
            expected = ref.run(feeds);
        }
        try (Session s = new Session(g, SessionOptions.defaults().withThreads(2))) {
            SearchReport measured = s.measure(feeds, 2);
            assertTrue(measured.measured());
            SearchReport.Decision conv = measured.decisionsFor("conv").get(0);
            long timed = conv.candidates().stream()
                    .filter(c -> c.backend().equals("cpu-simd") && c.measuredSeconds() != null).count();
            assertTrue(timed >= 4, "every cpu-simd conv algorithm is timed: " + conv.candidates());
            float[] e = expected.get("y").toFloatArray();
            CommandHarness.assertClose(e, s.run(feeds).get("y").toFloatArray(), e.length, 1e-4,
                    "after measuring, with the fastest measured algorithms");
        }
    }

    /** Runs the graph pinned to cpu-simd and to cpu-ref and asserts equal outputs; returns cpu-simd's search. */
    private static SearchReport compare(Graph g, Map<String, Tensor> feeds, int threads) {
        try (Session simd = new Session(g, SessionOptions.defaults().withBackend("cpu-simd").withThreads(threads));
                Session ref = new Session(g, SessionOptions.defaults().withBackend("cpu-ref").withThreads(threads))) {
            Map<String, Tensor> expected = ref.run(feeds);
            Map<String, Tensor> actual = simd.run(feeds);
            // a second run reuses the prepared executions and pooled buffers
            Map<String, Tensor> again = simd.run(feeds);
            for (String name : expected.keySet()) {
                float[] e = expected.get(name).toFloatArray();
                assertEquals(expected.get(name).getShape(), actual.get(name).getShape());
                CommandHarness.assertClose(e, actual.get(name).toFloatArray(), e.length, 1e-4,
                        g.name() + " output " + name + " threads " + threads);
                CommandHarness.assertClose(e, again.get(name).toFloatArray(), e.length, 1e-4,
                        g.name() + " second run");
            }
            SearchReport search = simd.lastReport().search();
            assertEquals("cpu-simd", search.chosenBackend());
            return search;
        }
    }

    /** Every command of {@code node} ran on cpu-simd with one of the named algorithms (prefixes). */
    private static void assertOnSimd(SearchReport search, String node, String... algorithms) {
        List<SearchReport.Decision> decisions = search.decisionsFor(node);
        assertFalse(decisions.isEmpty(), "no command for node " + node);
        boolean sawMain = false;
        for (SearchReport.Decision d : decisions) {
            if (d.op() == org.walle.engine.decompose.AtomicOp.RASTER) {
                continue; // layout copies the node needed (bias broadcast, transposes)
            }
            assertEquals("cpu-simd", d.backend(), node + ": " + d);
            assertTrue(List.of(algorithms).stream().anyMatch(d.algorithm()::startsWith), node + " ran "
                    + d.algorithm());
            assertTrue(d.winner().estimatedSeconds() > 0);
            sawMain = true;
        }
        assertTrue(sawMain, node + " has only raster commands: " + decisions);
    }
}
