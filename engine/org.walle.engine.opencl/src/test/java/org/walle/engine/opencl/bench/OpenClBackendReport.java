package org.walle.engine.opencl.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.walle.engine.backend.Backends;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.opencl.backend.OpenClBackend;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * The opencl backend inside sessions (not a unit test; command in docs/backends.md): prints the device and its
 * calibrated speeds, then for an MLP and a small conv net the search's estimated totals per backend, the median run
 * time on each available backend, and the slowest OpenCL commands with their achieved GFLOP/s.
 */
public final class OpenClBackendReport {

    private OpenClBackendReport() {
    }

    public static void main(String[] args) {
        try (OpenClBackend b = OpenClBackend.openBest()) {
            System.out.println("device: " + b.device());
            System.out.println("calibration: " + b.speed());
        }
        Random r = new Random(1);
        report("mlp 64x512 -> 512 -> 256", mlp(r), Map.of("x", tensor(r, 64, 512)));
        report("conv net 1x16x64x64, two 3x3 convs", convNet(r), Map.of("img", tensor(r, 1, 16, 64, 64)));
    }

    private static void report(String title, Graph g, Map<String, Tensor> feeds) {
        System.out.println("\n## " + title);
        System.out.println("| backend | estimated total ms | fallbacks | median run ms |");
        System.out.println("|---|---|---|---|");
        SearchReport search = null;
        Profile opencl = null;
        for (String backend : Backends.availableNames()) {
            try (Session s = new Session(g, SessionOptions.defaults().withBackend(backend).withThreads(2))) {
                Profile p = s.profile(feeds, 2, 5);
                SearchReport sr = s.lastReport().search();
                SearchReport.BackendTotal t = sr.total(backend);
                System.out.printf(Locale.ROOT, "| %s | %.3f | %d | %.3f |%n", backend, t.totalSeconds() * 1e3,
                        t.fallbackCommands(), p.medianRunNanos() / 1e6);
                if (backend.equals(OpenClBackend.NAME)) {
                    search = sr;
                    opencl = p;
                }
            }
        }
        if (opencl != null) {
            System.out.println("slowest OpenCL-session commands:");
            for (Profile.OpTiming o : opencl.slowest(4)) {
                System.out.printf(Locale.ROOT, "  %-10s %-8s %-7s %-22s %.3f ms %.2f GFLOP/s%n", o.node(), o.op(),
                        o.backend(), o.algorithm(), o.medianNanos() / 1e6, o.gflops());
            }
            System.out.println("auto would choose: " + search.totals().stream()
                    .filter(SearchReport.BackendTotal::available)
                    .min((a, b) -> Double.compare(a.totalSeconds(), b.totalSeconds())).orElseThrow().backend());
        }
    }

    static Graph mlp(Random r) {
        return new GraphBuilder("mlp").input("x", DType.FLOAT32, Shape.of(64, 512))
                .initializer("w1", tensor(r, 512, 512)).initializer("b1", tensor(r, 512))
                .initializer("w2", tensor(r, 512, 256))
                .node("fc1", "MatMul", List.of("x", "w1"), "h").node("bias", "Add", List.of("h", "b1"), "hb")
                .node("relu", "Relu", List.of("hb"), "a").node("fc2", "MatMul", List.of("a", "w2"), "o")
                .node("softmax", "Softmax", List.of("o"), "y").output("y").build();
    }

    static Graph convNet(Random r) {
        return new GraphBuilder("convnet").input("img", DType.FLOAT32, Shape.of(1, 16, 64, 64))
                .initializer("k1", tensor(r, 32, 16, 3, 3)).initializer("k2", tensor(r, 32, 32, 3, 3))
                .node("conv1", "Conv", List.of("img", "k1"), List.of("c1"), Map.of("pads", new long[] {1, 1, 1, 1}))
                .node("relu", "Relu", List.of("c1"), "a1")
                .node("conv2", "Conv", List.of("a1", "k2"), List.of("c2"), Map.of("pads", new long[] {1, 1, 1, 1}))
                .node("act", "Sigmoid", List.of("c2"), "y").output("y").build();
    }

    static Tensor tensor(Random r, long... dims) {
        Shape s = Shape.of(dims);
        float[] v = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * 0.1);
        }
        return Tensor.wrap(s, v);
    }
}
