package org.walle.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.graph.GraphException;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.ProfileExport;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SearchReport.Decision;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** The search, fallback with copies, pins, measuring mode and the profiler, against the reference backend. */
class BackendSearchTest {
    private static final SessionOptions REF = SessionOptions.defaults().withBackend("cpu-ref");

    @AfterEach
    void forgetTestBackends() {
        Backends.unregister(ArrayDevice.NAME);
        Backends.unregister("throws");
    }

    /** relu and add run on the test device; matmul and softmax are not its business and fall back. */
    private static Graph mixed() {
        Random r = new Random(7);
        float[] w = new float[8 * 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        return new GraphBuilder("mixed").input("x", DType.FLOAT32, Shape.of(2, 8))
                .initializer("w", Tensor.wrap(Shape.of(8, 4), w))
                .initializer("b", Tensor.of(Shape.of(4), 0.5f, -0.5f, 1f, 0f))
                .node("relu", "Relu", List.of("x"), "r")
                .node("matmul", "MatMul", List.of("r", "w"), "m")
                .node("add", "Add", List.of("m", "b"), "a")
                .node("softmax", "Softmax", List.of("a"), "s")
                .node("scale", "Mul", List.of("s", "a"), "y").output("y").build();
    }

    private static Map<String, Tensor> feed(long seed) {
        Random r = new Random(seed);
        float[] x = new float[16];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return Map.of("x", Tensor.wrap(Shape.of(2, 8), x));
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.getDouble(i), actual.getDouble(i), 1e-6, "element " + i);
        }
    }

    @Test
    void theReferenceBackendAloneRunsEverythingAndRecordsWhy() {
        try (Session s = new Session(mixed(), REF)) {
            SearchReport search = s.resize(Map.of("x", Shape.of(2, 8))).search();
            assertEquals("cpu-ref", search.chosenBackend());
            assertTrue(search.pinned());
            assertFalse(search.decisions().isEmpty());
            for (Decision d : search.decisions()) {
                assertEquals("cpu-ref", d.backend());
                assertEquals("scalar", d.algorithm());
                assertTrue(d.winner().estimatedSeconds() >= 0);
            }
            Decision matmul = search.decisionsFor("matmul").get(0);
            assertEquals(AtomicOp.MATMUL, matmul.op());
            assertEquals(2.0 * 2 * 4 * 8, matmul.flops());
            assertTrue(search.searchNanos() > 0);
        }
    }

    @Test
    void aDeviceBackendFallsBackToTheCpuWithCopiesAndGivesTheSameAnswer() {
        ArrayDevice device = new ArrayDevice(0);
        Backends.register(ArrayDevice.provider(device));
        Tensor expected1;
        Tensor expected2;
        try (Session ref = new Session(mixed(), REF)) {
            expected1 = ref.run(feed(1)).get("y");
            expected2 = ref.run(feed(2)).get("y");
        }
        try (Session s = new Session(mixed(), REF.withBackend(ArrayDevice.NAME))) {
            assertClose(expected1, s.run(feed(1)).get("y"));
            SearchReport search = s.lastReport().search();
            assertEquals(ArrayDevice.NAME, search.chosenBackend());
            assertEquals(ArrayDevice.NAME, search.decisionsFor("relu").get(0).backend());
            Decision matmul = search.decisionsFor("matmul").get(0);
            assertEquals("cpu-ref", matmul.backend());
            assertTrue(matmul.fallbackReason().contains("test-device: no kernel for MATMUL"), matmul.fallbackReason());
            assertTrue(search.total(ArrayDevice.NAME).fallbackCommands() >= 2);
            assertTrue(device.copiesIn > 0 && device.copiesOut > 0, "copies both ways");
            int copiesAfterFirst = device.copiesIn;
            assertClose(expected2, s.run(feed(2)).get("y"));
            assertTrue(device.copiesIn > copiesAfterFirst, "new feeds are copied in again");
        }
        assertTrue(device.closed, "closing the session releases the device buffers");
    }

    @Test
    void theLowestEstimatedTotalWinsUnderAuto() {
        ArrayDevice cheap = new ArrayDevice(0);
        Backends.register(ArrayDevice.provider(cheap));
        try (Session s = new Session(mixed(), SessionOptions.defaults())) {
            assertEquals(ArrayDevice.NAME, s.resize(Map.of("x", Shape.of(2, 8))).search().chosenBackend());
        }
        Backends.register(ArrayDevice.provider(new ArrayDevice(1.0)));
        try (Session s = new Session(mixed(), SessionOptions.defaults())) {
            SearchReport search = s.resize(Map.of("x", Shape.of(2, 8))).search();
            assertEquals("cpu-ref", search.chosenBackend());
            assertFalse(search.pinned());
            assertTrue(search.total(ArrayDevice.NAME).totalSeconds() > search.total("cpu-ref").totalSeconds());
        }
    }

    @Test
    void aNodePinOverridesTheGraphChoiceAndAnImpossiblePinSaysWhy() {
        Backends.register(ArrayDevice.provider(new ArrayDevice(0)));
        SessionOptions options = REF.withBackend(ArrayDevice.NAME).pinNodeBackend("relu", "cpu-ref")
                .pinNodeBackend("matmul", ArrayDevice.NAME);
        try (Session s = new Session(mixed(), options)) {
            SearchReport search = s.resize(Map.of("x", Shape.of(2, 8))).search();
            Decision relu = search.decisionsFor("relu").get(0);
            assertEquals("cpu-ref", relu.backend());
            assertTrue(relu.pinned());
            Decision matmul = search.decisionsFor("matmul").get(0);
            assertEquals("cpu-ref", matmul.backend());
            assertTrue(matmul.fallbackReason().contains("pinned backend test-device cannot run it"),
                    matmul.fallbackReason());
        }
    }

    @Test
    void unknownBackendsAndBrokenProvidersGetClearAnswers() {
        GraphException e = assertThrows(GraphException.class, () -> new Session(mixed(), REF.withBackend("tpu")));
        assertTrue(e.getMessage().contains("'tpu'") && e.getMessage().contains("cpu-ref"), e.getMessage());
        Backends.register(new BackendProvider() {
            @Override
            public String name() {
                return "throws";
            }

            @Override
            public int rank() {
                return 3;
            }

            @Override
            public boolean hostMemory() {
                return true;
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.empty();
            }

            @Override
            public Backend create(BackendConfig config) {
                return new Backend() {
                    @Override
                    public String name() {
                        return "throws";
                    }

                    @Override
                    public boolean hostMemory() {
                        return true;
                    }

                    @Override
                    public Creation onCreate(Command command) {
                        throw new IllegalStateException("kernel table corrupt");
                    }

                    @Override
                    public double overheadSeconds() {
                        return 0;
                    }

                    @Override
                    public double copySeconds(long bytes) {
                        return 0;
                    }
                };
            }
        });
        try (Session s = new Session(mixed(), SessionOptions.defaults())) {
            assertClose(new Session(mixed(), REF).run(feed(3)).get("y"), s.run(feed(3)).get("y"));
            SearchReport search = s.lastReport().search();
            assertEquals("cpu-ref", search.chosenBackend(), "a backend that cannot run anything never wins");
            SearchReport.Candidate broken = search.decisions().get(0).candidates().stream()
                    .filter(c -> c.backend().equals("throws")).findFirst().orElseThrow();
            assertTrue(broken.unsupportedReason().contains("kernel table corrupt"), broken.unsupportedReason());
        }
    }

    @Test
    void measuringTimesEveryCandidateAndKeepsTheAnswer() {
        Backends.register(ArrayDevice.provider(new ArrayDevice(0)));
        Tensor expected = new Session(mixed(), REF).run(feed(4)).get("y");
        try (Session s = new Session(mixed(), SessionOptions.defaults())) {
            s.resize(Map.of("x", Shape.of(2, 8)));
            SearchReport measured = s.measure(feed(4), 3);
            assertTrue(measured.measured());
            for (Decision d : measured.decisions()) {
                for (SearchReport.Candidate c : d.candidates()) {
                    assertEquals(c.supported(), c.measuredSeconds() != null, d.node() + " " + c);
                }
                double fastest = d.candidates().stream().filter(SearchReport.Candidate::supported)
                        .mapToDouble(SearchReport.Candidate::measuredSeconds).min().orElseThrow();
                assertEquals(fastest, d.winner().measuredSeconds(), "the fastest measured candidate wins");
            }
            assertClose(expected, s.run(feed(4)).get("y"));
        }
    }

    @Test
    void aCancelledMeasurementStopsAndKeepsTheSearchedChoice() {
        Backends.register(ArrayDevice.provider(new ArrayDevice(0)));
        Tensor expected = new Session(mixed(), REF).run(feed(4)).get("y");
        try (Session s = new Session(mixed(), SessionOptions.defaults())) {
            s.resize(Map.of("x", Shape.of(2, 8)));
            SearchReport searched = s.lastReport().search();
            int[] asked = {0};
            // asked before every command and every timed candidate run: the sixth question says stop
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> s.measure(feed(4), 3, () -> ++asked[0] > 5));
            assertEquals(6, asked[0], "the measurement stops at the first 'cancelled'");
            assertFalse(s.lastReport().search().measured(), "a stopped measurement is not kept");
            assertEquals(searched.chosenBackend(), s.lastReport().search().chosenBackend());
            assertClose(expected, s.run(feed(4)).get("y"));
        }
    }

    @Test
    void profilesTimeEveryCommandAndSurviveTheirCsv() throws Exception {
        try (Session s = new Session(mixed(), REF)) {
            Profile p = s.profile(feed(5), 1, 3);
            assertEquals(s.lastReport().commands().size(), p.ops().size());
            assertEquals(3, p.runNanos().length);
            Profile.OpTiming matmul = p.ops().stream().filter(t -> t.op() == AtomicOp.MATMUL).findFirst().orElseThrow();
            assertEquals(128.0, matmul.flops());
            assertEquals(3, matmul.kernelNanos().length);
            assertTrue(p.medianRunNanos() >= matmul.medianNanos());
            assertEquals(p.ops().size(), p.slowest(100).size());
            int[] asked = {0};
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> s.profile(feed(5), 1, 3, () -> ++asked[0] > 2));
            assertEquals(3, asked[0], "asked before every run, stopped at the first 'cancelled'");
            try (Session three = new Session(mixed(), REF.withThreads(3))) {
                // the profile records the session's thread count, not the machine's cores
                assertEquals(3, three.profile(feed(5), 0, 1).threads());
            }
            StringBuilder trace = new StringBuilder();
            ProfileExport.writeChromeTrace(p, trace);
            assertTrue(trace.toString().startsWith("{\"displayTimeUnit\""));
            assertTrue(trace.toString().contains("\"name\":\"matmul MATMUL\""), trace.toString());
            assertEquals(p.ops().size(), trace.toString().split("\"ph\":\"X\"").length - 1);
            StringBuilder csv = new StringBuilder();
            ProfileExport.writeCsv(p, csv);
            Profile back = ProfileExport.readCsv(new StringReader(csv.toString()));
            assertEquals(p.ops().size(), back.ops().size());
            assertEquals(p.backend(), back.backend());
            for (int i = 0; i < p.ops().size(); i++) {
                assertEquals(p.ops().get(i).node(), back.ops().get(i).node());
                assertEquals(p.ops().get(i).medianNanos(), back.ops().get(i).medianNanos(), 1.0);
            }
        }
        assertThrows(java.io.IOException.class, () -> ProfileExport.readCsv(new StringReader("node,op\nx,y\n")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Session(mixed(), REF).profile(feed(1), 0, 0));
        assertNotNull(e.getMessage());
    }
}
