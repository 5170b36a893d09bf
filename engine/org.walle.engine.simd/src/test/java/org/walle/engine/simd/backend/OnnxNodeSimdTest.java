package org.walle.engine.simd.backend;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.onnx.TensorProtos;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Tensor;

/**
 * The ONNX backend node tests (Debian package libonnx-testdata) of the ops cpu-simd has kernels for, run through a
 * Session pinned to cpu-simd (2 threads) and compared with the expected outputs: float32 within
 * {@code 1e-5 + 1e-3 |expected|} (the conformance suite's tolerance), other types exactly. A test the engine cannot
 * import or run on cpu-ref either is skipped (the onnx module's conformance suite owns those); every other one must
 * pass on cpu-simd, and cpu-simd must really have run commands in most of them.
 */
class OnnxNodeSimdTest {
    private static final Path NODE_TESTS = Path.of(System.getProperty("walle.onnx.testdata",
            "/usr/share/libonnx-testdata/data"), "node");
    private static final Pattern SELECTED = Pattern.compile("test_(conv|matmul|gemm|softmax|layer_normalization|"
            + "maxpool|averagepool|globalaveragepool|globalmaxpool|relu|add|sub|mul|div|reduce_sum|reduce_mean|"
            + "reduce_max|reduce_min|sigmoid|tanh|exp|log|sqrt|abs|neg|clip|pow|transpose|flatten|batchnorm|"
            + "instancenorm|floor|ceil|reciprocal|max|min|leakyrelu|hardsigmoid|hardswish|elu|softplus|erf|gelu|prelu|logsoftmax|hardmax|convtranspose|resize|upsample|where)(_.*)?");

    @Test
    void nodeTestsOfTheCoveredOpsPassOnCpuSimd() throws IOException {
        assumeTrue(Files.isDirectory(NODE_TESTS), "ONNX node tests not installed at " + NODE_TESTS);
        List<Path> dirs;
        try (Stream<Path> s = Files.list(NODE_TESTS)) {
            dirs = s.filter(d -> SELECTED.matcher(d.getFileName().toString()).matches()).sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        Set<String> skipped = new TreeSet<>();
        int passed = 0;
        int ranOnSimd = 0;
        for (Path dir : dirs) {
            String name = dir.getFileName().toString();
            Graph graph;
            List<Map<String, Tensor>> feeds = new ArrayList<>();
            List<List<Tensor>> expected = new ArrayList<>();
            try {
                graph = OnnxImporter.load(dir.resolve("model.onnx"));
                readSets(dir, graph, feeds, expected);
                if (!passes(graph, "cpu-ref", feeds, expected).isEmpty()) {
                    skipped.add(name);
                    continue;
                }
            } catch (RuntimeException e) {
                skipped.add(name); // not importable or not runnable by the engine at all
                continue;
            }
            try {
                List<String> problems = passes(graph, "cpu-simd", feeds, expected);
                if (problems.isEmpty()) {
                    passed++;
                    ranOnSimd += lastRanOnSimd ? 1 : 0;
                } else {
                    failures.add(name + ": " + problems.get(0));
                }
            } catch (RuntimeException e) {
                failures.add(name + ": " + e);
            }
        }
        System.out.println("ONNX node tests on cpu-simd: " + passed + " passed (" + ranOnSimd + " with cpu-simd commands), "
                + failures.size() + " failed, " + skipped.size() + " skipped of " + dirs.size() + ": " + skipped);
        assertTrue(failures.isEmpty(), failures.size() + " node tests fail on cpu-simd (and pass on cpu-ref): "
                + String.join("\n", failures));
        assertTrue(passed >= 150, "only " + passed + " of " + dirs.size() + " node tests ran; skipped " + skipped);
        assertTrue(ranOnSimd >= passed * 3 / 4, "cpu-simd ran commands in only " + ranOnSimd + " of " + passed);
    }

    private boolean lastRanOnSimd;

    /** Problems of running every data set of the test on {@code backend}; empty when all outputs match. */
    private List<String> passes(Graph graph, String backend, List<Map<String, Tensor>> feeds,
            List<List<Tensor>> expected) {
        List<String> problems = new ArrayList<>();
        try (Session s = new Session(graph, SessionOptions.defaults().withBackend(backend).withThreads(2))) {
            for (int set = 0; set < feeds.size(); set++) {
                Map<String, Tensor> out = s.run(feeds.get(set));
                for (int i = 0; i < expected.get(set).size(); i++) {
                    String problem = compare(expected.get(set).get(i), out.get(graph.outputs().get(i)));
                    if (problem != null) {
                        problems.add("data set " + set + " output " + graph.outputs().get(i) + ": " + problem);
                    }
                }
            }
            SearchReport search = s.lastReport() == null ? null : s.lastReport().search();
            lastRanOnSimd = search != null
                    && search.decisions().stream().anyMatch(d -> d.backend().equals("cpu-simd"));
        }
        return problems;
    }

    private static void readSets(Path dir, Graph graph, List<Map<String, Tensor>> feeds, List<List<Tensor>> expected)
            throws IOException {
        List<Path> sets;
        try (Stream<Path> s = Files.list(dir)) {
            sets = s.filter(p -> p.getFileName().toString().startsWith("test_data_set_")).sorted().toList();
        }
        for (Path set : sets) {
            Map<String, Tensor> in = new LinkedHashMap<>();
            for (int i = 0; Files.exists(set.resolve("input_" + i + ".pb")); i++) {
                TensorProtos.NamedTensor t = TensorProtos.read(set.resolve("input_" + i + ".pb"));
                in.put(graph.inputs().contains(t.name()) ? t.name() : graph.inputs().get(i), t.tensor());
            }
            List<Tensor> out = new ArrayList<>();
            for (int i = 0; Files.exists(set.resolve("output_" + i + ".pb")); i++) {
                out.add(TensorProtos.read(set.resolve("output_" + i + ".pb")).tensor());
            }
            feeds.add(in);
            expected.add(out);
        }
    }

    private static String compare(Tensor e, Tensor a) {
        if (a == null) {
            return "no output";
        }
        if (e.getDType() != a.getDType() || !e.getShape().equals(a.getShape())) {
            return a.getDType() + a.getShape().toString() + ", expected " + e.getDType() + e.getShape();
        }
        boolean floats = e.getDType() == DType.FLOAT32 || e.getDType() == DType.FLOAT16;
        for (int i = 0; i < e.size(); i++) {
            double x = e.getDouble(i);
            double y = a.getDouble(i);
            boolean ok = !floats ? e.getLong(i) == a.getLong(i)
                    : Double.isNaN(x) ? Double.isNaN(y)
                    : Double.isInfinite(x) ? x == y : Math.abs(x - y) <= 1e-5 + 1e-3 * Math.abs(x);
            if (!ok) {
                return "element " + i + " is " + y + ", expected " + x;
            }
        }
        return null;
    }
}
