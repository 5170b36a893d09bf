package org.walle.engine.simd.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Whole-graph latency of cpu-ref against cpu-simd (1 and 2 threads) and the automatic search, on a MobileNet-style
 * conv net (1x3x112x112) and a transformer encoder block (64 tokens x 256, 4 heads, FFN 1024), fixed seed. Prints
 * the median and best of {@code runs} timed runs after {@code warmup} runs, and which algorithm the search gave
 * the heavy nodes. Not a unit test: see docs/benchmarks.md for the command and figures.
 */
public final class SimdSessionBenchmark {
    private final Random random = new Random(2026);

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SimdSessionBenchmark b = new SimdSessionBenchmark();
        b.bench("mobilenet-style 1x3x112x112", b.convNet(), Map.of("x", b.random(1, 3, 112, 112)), runs, warmup,
                List.of("conv1", "dw1", "pw1", "conv3", "fc"));
        b.bench("transformer block 64x256", b.encoder(), Map.of("x", b.random(1, 64, 256)), runs, warmup,
                List.of("q", "scores", "context", "ffn1", "norm1"));
    }

    private void bench(String title, Graph g, Map<String, Tensor> feeds, int runs, int warmup, List<String> nodes) {
        System.out.println("== " + title);
        Map<String, SessionOptions> configs = new LinkedHashMap<>();
        configs.put("cpu-ref", SessionOptions.defaults().withBackend("cpu-ref").withThreads(1));
        configs.put("cpu-simd t=1", SessionOptions.defaults().withBackend("cpu-simd").withThreads(1));
        configs.put("cpu-simd t=2", SessionOptions.defaults().withBackend("cpu-simd").withThreads(2));
        configs.put("auto t=2", SessionOptions.defaults().withThreads(2));
        double refMedian = 0;
        for (var e : configs.entrySet()) {
            try (Session s = new Session(g, e.getValue())) {
                long r0 = System.nanoTime();
                s.resize(Map.of("x", feeds.get("x").getShape()));
                double resizeMs = (System.nanoTime() - r0) / 1e6;
                for (int i = 0; i < warmup; i++) {
                    s.run(feeds);
                }
                double[] ms = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    s.run(feeds);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                double median = ms[runs / 2];
                if (refMedian == 0) {
                    refMedian = median;
                }
                SearchReport search = s.lastReport().search();
                System.out.printf("%-14s median %9.2f ms  best %9.2f ms  x%.1f vs cpu-ref  (resize %.1f ms, chosen %s)%n",
                        e.getKey(), median, ms[0], refMedian / median, resizeMs, search.chosenBackend());
                if (!e.getKey().equals("cpu-ref")) {
                    List<String> chosen = new ArrayList<>();
                    for (String node : nodes) {
                        search.decisionsFor(node).stream().filter(d -> !d.op().name().equals("RASTER"))
                                .forEach(d -> chosen.add(node + "=" + d.backend() + ":" + d.algorithm()));
                    }
                    System.out.println("               " + chosen);
                }
                if (e.getKey().equals("cpu-simd t=2")) {
                    for (var op : s.profile(feeds, 2, runs).slowest(5)) {
                        System.out.printf("               %-8s %-12s %-34s %8.3f ms %6.1f GFLOP/s%n", op.node(), op.op(),
                                op.algorithm(), op.medianNanos() / 1e6, op.gflops());
                    }
                }
            }
        }
    }

    private Tensor random(long... dims) {
        float[] v = new float[Math.toIntExact(Shape.of(dims).size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (random.nextFloat() - 0.5f) * 0.2f;
        }
        return Tensor.wrap(Shape.of(dims), v);
    }

    private GraphBuilder conv(GraphBuilder b, String name, String in, int cin, int cout, int k, int stride,
            int group) {
        b.initializer(name + ".w", random(cout, cin / group, k, k)).initializer(name + ".b", random(cout));
        long pad = k / 2;
        b.node(name, "Conv", List.of(in, name + ".w", name + ".b"), List.of(name + ".y"), Map.of("pads",
                new long[] {pad, pad, pad, pad}, "strides", new long[] {stride, stride}, "group", (long) group));
        return b.node(name + ".relu", "Relu", List.of(name + ".y"), name + ".r");
    }

    Graph convNet() {
        GraphBuilder b = new GraphBuilder("mobilenet-style").input("x", DType.FLOAT32, Shape.of(1, 3, 112, 112));
        conv(b, "conv1", "x", 3, 16, 3, 2, 1);
        conv(b, "dw1", "conv1.r", 16, 16, 3, 1, 16);
        conv(b, "pw1", "dw1.r", 16, 32, 1, 1, 1);
        conv(b, "dw2", "pw1.r", 32, 32, 3, 2, 32);
        conv(b, "pw2", "dw2.r", 32, 64, 1, 1, 1);
        conv(b, "conv3", "pw2.r", 64, 64, 3, 1, 1);
        return b.initializer("fc.w", random(10, 64)).initializer("fc.b", random(10))
                .node("gap", "GlobalAveragePool", List.of("conv3.r"), "g").node("flat", "Flatten", List.of("g"), "f")
                .node("fc", "Gemm", List.of("f", "fc.w", "fc.b"), List.of("logits"), Map.of("transB", 1L))
                .node("softmax", "Softmax", List.of("logits"), List.of("y"), Map.of("axis", 1L)).output("y").build();
    }

    Graph encoder() {
        int t = 64;
        int d = 256;
        int heads = 4;
        int ff = 1024;
        return new GraphBuilder("encoder").input("x", DType.FLOAT32, Shape.of(1, t, d))
                .initializer("wq", random(d, d)).initializer("wk", random(d, d)).initializer("wv", random(d, d))
                .initializer("wo", random(d, d)).initializer("w1", random(d, ff)).initializer("w2", random(ff, d))
                .initializer("split", Tensor.ofLongs(Shape.of(4), 1, t, heads, d / heads))
                .initializer("merged", Tensor.ofLongs(Shape.of(3), 1, t, d))
                .initializer("g1", random(d)).initializer("b1", random(d))
                .initializer("g2", random(d)).initializer("b2", random(d))
                .node("q", "MatMul", List.of("x", "wq"), "q0").node("k", "MatMul", List.of("x", "wk"), "k0")
                .node("v", "MatMul", List.of("x", "wv"), "v0")
                .node("qr", "Reshape", List.of("q0", "split"), "q1").node("kr", "Reshape", List.of("k0", "split"), "k1")
                .node("vr", "Reshape", List.of("v0", "split"), "v1")
                .node("qt", "Transpose", List.of("q1"), List.of("q2"), Map.of("perm", new long[] {0, 2, 1, 3}))
                .node("kt", "Transpose", List.of("k1"), List.of("k2"), Map.of("perm", new long[] {0, 2, 3, 1}))
                .node("vt", "Transpose", List.of("v1"), List.of("v2"), Map.of("perm", new long[] {0, 2, 1, 3}))
                .node("scores", "MatMul", List.of("q2", "k2"), "s")
                .node("probs", "Softmax", List.of("s"), List.of("a"), Map.of("axis", -1L))
                .node("context", "MatMul", List.of("a", "v2"), "c")
                .node("back", "Transpose", List.of("c"), List.of("c1"), Map.of("perm", new long[] {0, 2, 1, 3}))
                .node("merge", "Reshape", List.of("c1", "merged"), "c2")
                .node("out", "MatMul", List.of("c2", "wo"), "o")
                .node("res1", "Add", List.of("o", "x"), "h0")
                .node("norm1", "LayerNormalization", List.of("h0", "g1", "b1"), List.of("h"), Map.of("axis", -1L))
                .node("ffn1", "MatMul", List.of("h", "w1"), "f0").node("act", "Relu", List.of("f0"), "f1")
                .node("ffn2", "MatMul", List.of("f1", "w2"), "f2")
                .node("res2", "Add", List.of("f2", "h"), "h2")
                .node("norm2", "LayerNormalization", List.of("h2", "g2", "b2"), List.of("y"), Map.of("axis", -1L))
                .output("y").build();
    }
}
