package org.walle.engine.opencl.backend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.walle.engine.backend.Backends;
import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.onnx.TensorProtos;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Tensor;

/**
 * The ONNX backend node tests (Debian's libonnx-testdata, which CI installs) through a session pinned to "opencl":
 * every test whose commands at least partly run on OpenCL must give the outputs the cpu-ref session gives, within
 * |d| <= 1e-4 + 1e-3 |ref| (node tests use values up to a few hundred; OpenCL builtins are allowed 3-16 ulp).
 * Tests the engine itself cannot import or run are the conformance suite's business and are skipped here; the
 * count of tests that exercised the device must stay high so that a backend declining everything cannot pass.
 */
class OpenClOnnxNodeTest {
    private static final Path NODE_TESTS = Path.of("/usr/share/libonnx-testdata/data/node");
    private static final SessionOptions OPENCL = SessionOptions.defaults().withBackend("opencl").withThreads(1);
    private static final SessionOptions REF = SessionOptions.defaults().withBackend("cpu-ref").withThreads(1);
    private static OpenClBackend device;

    @BeforeAll
    static void share() {
        device = DeviceHarness.backend();
        Backends.register(new SharedBackend(device).provider());
    }

    @AfterAll
    static void forget() {
        Backends.unregister(OpenClBackend.NAME);
    }

    @Test
    void nodeTestsThatRunOnOpenClAgreeWithTheReference() throws IOException {
        assertTrue(Files.isDirectory(NODE_TESTS), NODE_TESTS + " missing: install libonnx-testdata");
        List<String> failures = new ArrayList<>();
        int onDevice = 0;
        int total = 0;
        List<Path> tests;
        try (Stream<Path> s = Files.list(NODE_TESTS)) {
            tests = s.filter(p -> Files.isRegularFile(p.resolve("model.onnx"))).sorted().toList();
        }
        for (Path test : tests) {
            Graph graph;
            Map<String, Tensor> feeds;
            Map<String, Tensor> want;
            try {
                graph = OnnxImporter.load(test.resolve("model.onnx"));
                feeds = feeds(graph, test.resolve("test_data_set_0"));
                try (Session ref = new Session(graph, REF)) {
                    want = ref.run(feeds);
                }
            } catch (RuntimeException | StackOverflowError e) {
                continue; // the engine cannot run it at all: the conformance suite reports that
            }
            total++;
            try (Session s = new Session(graph, OPENCL)) {
                Map<String, Tensor> got = s.run(feeds);
                SearchReport search = s.lastReport().search();
                if (search.decisions().stream().noneMatch(d -> d.backend().equals(OpenClBackend.NAME))) {
                    continue;
                }
                onDevice++;
                String diff = compare(want, got);
                if (diff != null) {
                    failures.add(test.getFileName() + ": " + diff);
                }
            } catch (RuntimeException e) {
                failures.add(test.getFileName() + ": " + e);
            }
        }
        System.out.println("ONNX node tests: " + total + " run on cpu-ref, " + onDevice + " with OpenCL commands, "
                + failures.size() + " disagree");
        assertTrue(failures.isEmpty(), failures.size() + " node tests disagree:\n" + String.join("\n", failures));
        assertTrue(onDevice >= 200, "only " + onDevice + " of " + total + " node tests ran anything on OpenCL");
    }

    private static Map<String, Tensor> feeds(Graph graph, Path set) {
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        List<String> names = graph.inputs().stream().filter(n -> !graph.initializers().containsKey(n)).toList();
        for (int i = 0; Files.exists(set.resolve("input_" + i + ".pb")); i++) {
            TensorProtos.NamedTensor t = TensorProtos.read(set.resolve("input_" + i + ".pb"));
            feeds.put(names.contains(t.name()) ? t.name() : names.get(i), t.tensor());
        }
        return feeds;
    }

    private static String compare(Map<String, Tensor> want, Map<String, Tensor> got) {
        for (Map.Entry<String, Tensor> e : want.entrySet()) {
            Tensor w = e.getValue();
            Tensor g = got.get(e.getKey());
            if (g == null || !w.getShape().equals(g.getShape()) || w.getDType() != g.getDType()) {
                return e.getKey() + " is " + (g == null ? "missing" : g.getDType() + g.getShape().toString())
                        + ", want " + w.getDType() + w.getShape();
            }
            boolean floats = w.getDType() == DType.FLOAT32 || w.getDType() == DType.FLOAT16;
            for (int i = 0; i < w.size(); i++) {
                double a = w.getDouble(i);
                double b = g.getDouble(i);
                boolean same = floats ? (Double.isNaN(a) ? Double.isNaN(b) : a == b
                        || Math.abs(a - b) <= 1e-4 + 1e-3 * Math.abs(a)) : a == b;
                if (!same) {
                    return e.getKey() + "[" + i + "] = " + b + ", cpu-ref gives " + a;
                }
            }
        }
        return null;
    }
}
