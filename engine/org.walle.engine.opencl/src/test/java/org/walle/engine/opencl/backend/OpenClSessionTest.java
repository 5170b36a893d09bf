package org.walle.engine.opencl.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.walle.engine.backend.Backend;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.backend.BackendProvider;
import org.walle.engine.backend.Backends;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.opencl.ClDevice;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SearchReport.Decision;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * The backend inside a real session: a graph mixing ops with OpenCL kernels (MatMul, Add, Relu, Softmax, Transpose,
 * LayerNormalization, Conv) and ones without (CumSum, TopK's int64 indices), pinned to "opencl", must equal the
 * "cpu-ref" session within |d| <= 1e-5 + 1e-4 |ref|, report the fallbacks with their reasons, refresh copies when
 * run again with new inputs, and release its device buffers on close.
 */
class OpenClSessionTest {
    private static final SessionOptions REF = SessionOptions.defaults().withBackend("cpu-ref");
    private static final SessionOptions OPENCL = SessionOptions.defaults().withBackend("opencl");

    @BeforeAll
    static void device() {
        DeviceHarness.backend();
    }

    @AfterEach
    void forgetRegistered() {
        Backends.unregister(OpenClBackend.NAME);
    }

    static Graph mixed() {
        Random r = new Random(3);
        return new GraphBuilder("mixed").input("x", DType.FLOAT32, Shape.of(Shape.DYNAMIC, 16))
                .input("img", DType.FLOAT32, Shape.of(1, 3, 8, 8))
                .initializer("w", Tensor.wrap(Shape.of(16, 8), gaussian(r, 128)))
                .initializer("b", Tensor.wrap(Shape.of(8), gaussian(r, 8)))
                .initializer("gamma", Tensor.wrap(Shape.of(8), gaussian(r, 8)))
                .initializer("beta", Tensor.wrap(Shape.of(8), gaussian(r, 8)))
                .initializer("k", Tensor.wrap(Shape.of(4, 3, 3, 3), gaussian(r, 108)))
                .initializer("axis", Tensor.ofLongs(Shape.of(), 1))
                .initializer("two", Tensor.ofLongs(Shape.of(1), 2))
                .node("relu", "Relu", List.of("x"), "r")
                .node("matmul", "MatMul", List.of("r", "w"), "m")
                .node("add", "Add", List.of("m", "b"), "a")
                .node("norm", "LayerNormalization", List.of("a", "gamma", "beta"), "n")
                .node("softmax", "Softmax", List.of("n"), "s")
                .node("cumsum", "CumSum", List.of("s", "axis"), "c")
                .node("transpose", "Transpose", List.of("c"), "t")
                .node("square", "Mul", List.of("t", "t"), "y")
                .node("topk", "TopK", List.of("a", "two"), List.of("top", "topIndex"), Map.of())
                .node("conv", "Conv", List.of("img", "k"), "feat")
                .node("act", "Sigmoid", List.of("feat"), "z")
                .output("y").output("top").output("topIndex").output("z").build();
    }

    private static float[] gaussian(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    static Map<String, Tensor> feeds(long seed) {
        Random r = new Random(seed);
        return Map.of("x", Tensor.wrap(Shape.of(4, 16), gaussian(r, 64)), "img",
                Tensor.wrap(Shape.of(1, 3, 8, 8), gaussian(r, 192)));
    }

    private static void assertClose(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, e) -> {
            Tensor a = actual.get(name);
            assertEquals(e.getShape(), a.getShape(), name);
            assertEquals(e.getDType(), a.getDType(), name);
            for (int i = 0; i < e.size(); i++) {
                double want = e.getDouble(i);
                assertEquals(want, a.getDouble(i), 1e-5 + 1e-4 * Math.abs(want), name + " element " + i);
            }
        });
    }

    @Test
    void theProviderIsFoundByServiceLoaderAndAvailable() {
        BackendProvider p = Backends.find("opencl").orElseThrow();
        assertEquals(Optional.empty(), p.unavailableReason());
        assertFalse(p.hostMemory());
        assertEquals(5, p.rank());
        assertTrue(Backends.availableNames().contains("opencl"));
    }

    @Test
    void theBestDeviceIsTheLargestGpuElseTheFirst() {
        ClDevice cpu = new ClDevice(1, 1, "pocl", "cpu", "CPU", 2, 1 << 30, 4096, "OpenCL 3.0", "1");
        ClDevice small = new ClDevice(2, 2, "gpu", "small", "GPU", 8, 1 << 30, 256, "OpenCL 3.0", "1");
        ClDevice big = new ClDevice(2, 3, "gpu", "big", "GPU", 40, 1 << 30, 1024, "OpenCL 3.0", "1");
        assertEquals(big, OpenClBackend.best(List.of(cpu, small, big)));
        assertEquals(small, OpenClBackend.best(List.of(cpu, small)));
        assertEquals(cpu, OpenClBackend.best(List.of(cpu)));
    }

    @Test
    void aPinnedSessionEqualsTheReferenceFallsBackWithReasonsAndRefreshesCopies() {
        Map<String, Tensor> want1;
        Map<String, Tensor> want2;
        try (Session ref = new Session(mixed(), REF)) {
            want1 = ref.run(feeds(1));
            want2 = ref.run(feeds(2));
        }
        try (Session s = new Session(mixed(), OPENCL)) {
            assertClose(want1, s.run(feeds(1)));
            SearchReport search = s.lastReport().search();
            assertEquals("opencl", search.chosenBackend());
            for (String node : List.of("relu", "matmul", "norm", "softmax", "square", "conv", "act")) {
                for (Decision d : search.decisionsFor(node)) {
                    assertEquals("opencl", d.backend(), node + " " + d.op() + ": " + d.fallbackReason());
                }
            }
            Decision cumsum = search.decisionsFor("cumsum").get(0);
            assertEquals(AtomicOp.SCAN_AXIS, cumsum.op());
            assertNotEquals("opencl", cumsum.backend());
            assertEquals("opencl: no OpenCL kernel for SCAN_AXIS", cumsum.fallbackReason());
            assertTrue(search.decisionsFor("topk").stream().allMatch(d -> !d.backend().equals("opencl")
                    && d.fallbackReason() != null), "TopK falls back");
            assertTrue(search.total("opencl").fallbackCommands() >= 2);
            assertTrue(search.total("opencl").copySeconds() > 0);
            // the same session, new values for the same shapes: no resize, the copies in must be redone
            assertClose(want2, s.run(feeds(2)));
            assertClose(want1, s.run(feeds(1)));
        }
    }

    @Test
    void closingTheSessionReleasesDeviceBuffersAndASecondCloseIsHarmless() {
        OpenClBackend backend = OpenClBackend.openBest();
        Backends.register(new BackendProvider() {
            @Override
            public String name() {
                return OpenClBackend.NAME;
            }

            @Override
            public int rank() {
                return 5;
            }

            @Override
            public boolean hostMemory() {
                return false;
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.empty();
            }

            @Override
            public Backend create(BackendConfig config) {
                return backend;
            }
        });
        Session s = new Session(mixed(), OPENCL);
        s.run(feeds(1));
        assertTrue(backend.bufferCount() > 0 && backend.bufferBytes() > 0);
        int firstPlan = backend.bufferCount();
        // a new batch size is a new plan: the previous plan's buffers are released, not kept alongside
        Map<String, Tensor> wide = Map.of("x", Tensor.wrap(Shape.of(6, 16), gaussian(new Random(5), 96)), "img",
                feeds(1).get("img"));
        Session check = new Session(mixed(), REF);
        assertClose(check.run(wide), s.run(wide));
        check.close();
        assertEquals(firstPlan, backend.bufferCount(), "one plan's buffers at a time");
        s.close();
        assertEquals(0, backend.bufferCount());
        assertEquals(0, backend.bufferBytes());
        s.close();
        backend.close();
        assertTrue(backend.onCreate(null) instanceof org.walle.engine.backend.Creation.Unsupported);
    }

    /**
     * Measuring mode runs every candidate of every command on the live operands, device ones included, copying
     * between host and device as each candidate needs; the fastest choice must still compute the same results.
     */
    @Test
    void measuringModeTimesEveryOpenClAlgorithmAndKeepsResultsRight() {
        Map<String, Tensor> want;
        try (Session ref = new Session(mixed(), REF)) {
            want = ref.run(feeds(4));
        }
        try (Session s = new Session(mixed(), OPENCL)) {
            SearchReport measured = s.measure(feeds(4), 1);
            assertTrue(measured.measured());
            Decision matmul = measured.decisionsFor("matmul").get(0);
            List<String> timed = matmul.candidates().stream().filter(c -> c.backend().equals("opencl")
                    && c.measuredSeconds() != null).map(SearchReport.Candidate::algorithm).toList();
            assertEquals(List.of("gemm-direct", "gemm-blocked 4x8", "gemm-tiled ts=16"), timed);
            assertClose(want, s.run(feeds(4)));
        }
    }

    @Test
    void profiledTimesCoverTheDeviceCommands() {
        try (Session s = new Session(mixed(), OPENCL)) {
            Profile p = s.profile(feeds(1), 1, 3);
            assertEquals("opencl", p.backend());
            assertTrue(p.ops().stream().anyMatch(o -> o.backend().equals("opencl") && o.op() == AtomicOp.MATMUL
                    && o.medianNanos() > 0));
        }
    }
}
