package org.walle.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.walle.engine.backend.ref.ReferenceBackend;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.graph.GraphException;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SearchReport.Candidate;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Backends that fail late: a device priced from a cached calibration whose device is gone when the search picks it
 * (the deferred OpenCL case), and a candidate that throws only when measuring mode runs it.
 */
class DeferredBackendTest {
    @AfterEach
    void forget() {
        Backends.unregister("gone-device");
        Backends.unregister("flaky");
    }

    private static Graph graph() {
        return new GraphBuilder("g").input("x", DType.FLOAT32, Shape.of(4))
                .initializer("b", Tensor.of(Shape.of(4), 1f, 2f, 3f, 4f))
                .node("add", "Add", List.of("x", "b"), "a")
                .node("relu", "Relu", List.of("a"), "y").output("y").build();
    }

    private static Map<String, Tensor> feed() {
        return Map.of("x", Tensor.of(Shape.of(4), -5f, 1f, -1f, 2f));
    }

    private static BackendProvider provider(String name, boolean host, Backend backend) {
        return new BackendProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int rank() {
                return 20;
            }

            @Override
            public boolean hostMemory() {
                return host;
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.empty();
            }

            @Override
            public Backend create(BackendConfig config) {
                return backend;
            }
        };
    }

    /** Claims to be free for every command, but its device cannot be opened when an execution is made. */
    private static final class GoneDevice implements Backend {
        boolean closed;

        @Override
        public String name() {
            return "gone-device";
        }

        @Override
        public boolean hostMemory() {
            return false;
        }

        @Override
        public Creation onCreate(Command c) {
            return Creation.of(new Algorithm("cached-estimate", 1, 0, () -> {
                throw new IllegalStateException("no OpenCL platform any more");
            }));
        }

        @Override
        public double overheadSeconds() {
            return 0;
        }

        @Override
        public double copySeconds(long bytes) {
            return 0;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void anAutoSessionSearchesAgainWithoutADeviceThatCannotStart() {
        GoneDevice gone = new GoneDevice();
        Backends.register(provider("gone-device", false, gone));
        Tensor expected;
        try (Session ref = new Session(graph(), SessionOptions.defaults().withBackend("cpu-ref"))) {
            expected = ref.run(feed()).get("y");
        }
        try (Session s = new Session(graph(), SessionOptions.defaults())) {
            Tensor y = s.run(feed()).get("y");
            for (int i = 0; i < 4; i++) {
                assertEquals(expected.getDouble(i), y.getDouble(i));
            }
            SearchReport search = s.lastReport().search();
            assertTrue(!search.chosenBackend().equals("gone-device"), search.chosenBackend());
            String why = search.total("gone-device").unavailableReason();
            assertTrue(why != null && why.contains("could not start") && why.contains("no OpenCL platform any more"),
                    String.valueOf(why));
        }
        assertTrue(gone.closed, "the failed backend is released");
    }

    @Test
    void aPinnedDeviceThatCannotStartIsAClearError() {
        Backends.register(provider("gone-device", false, new GoneDevice()));
        try (Session s = new Session(graph(), SessionOptions.defaults().withBackend("gone-device"))) {
            GraphException e = assertThrows(GraphException.class, () -> s.run(feed()));
            assertTrue(e.getMessage().contains("'gone-device' could not start")
                    && e.getMessage().contains("no OpenCL platform any more"), e.getMessage());
        }
    }

    /**
     * Measuring a device candidate for a command the search put on the CPU: its inputs stay resident between the
     * timed repetitions, so the copies a mixed plan would pay are charged by the device's formula (here 0.1 s per
     * byte); the device must not win on kernel time alone.
     */
    @Test
    void measuredDeviceCandidatesAreChargedTheCopiesOfTheirOperands() {
        ArrayDevice device = new ArrayDevice(1.0, 0.1);
        Backends.register(ArrayDevice.provider(device));
        try {
            try (Session s = new Session(graph(), SessionOptions.defaults())) {
                s.run(feed());
                assertTrue(!s.lastReport().search().chosenBackend().equals(ArrayDevice.NAME));
                SearchReport measured = s.measure(feed(), 1);
                var relu = measured.decisionsFor("relu").get(0);
                Candidate onDevice = relu.candidates().stream().filter(c -> c.backend().equals(ArrayDevice.NAME))
                        .findFirst().orElseThrow();
                assertTrue(onDevice.measuredSeconds() >= 0.1 * 32, "4 + 4 floats copied: " + onDevice);
                assertTrue(!relu.backend().equals(ArrayDevice.NAME), relu.backend());
            }
        } finally {
            Backends.unregister(ArrayDevice.NAME);
        }
    }

    /** Wraps every algorithm of {@code inner} so each execution appends {@code tag} to {@code log}. */
    private static Backend logged(Backend inner, String name, String tag, List<String> log) {
        return new Backend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean hostMemory() {
                return inner.hostMemory();
            }

            @Override
            public Creation onCreate(Command c) {
                if (!(inner.onCreate(c) instanceof Creation.Supported s)) {
                    return Creation.unsupported("not logged");
                }
                return Creation.of(s.algorithms().stream().map(a -> new Algorithm(a.name(), a.flops(), 1.0, () -> {
                    var e = a.create();
                    return (Execution) (in, out) -> {
                        log.add(tag);
                        e.onExecute(in, out);
                    };
                })).toArray(Algorithm[]::new));
            }

            @Override
            public double overheadSeconds() {
                return 0;
            }

            @Override
            public double copySeconds(long bytes) {
                return 0;
            }

            @Override
            public void onResize(List<org.walle.engine.decompose.PlanTensor> tensors) {
                inner.onResize(tensors);
            }

            @Override
            public void onCopyIn(org.walle.engine.decompose.PlanTensor t, org.walle.engine.backend.ref.Data host) {
                inner.onCopyIn(t, host);
            }

            @Override
            public void onCopyOut(org.walle.engine.decompose.PlanTensor t, org.walle.engine.backend.ref.Data host) {
                inner.onCopyOut(t, host);
            }
        };
    }

    /**
     * A device on the CPU (PoCL) keeps its threads spinning after launches, slowing CPU work timed after it; so every
     * host candidate of the whole graph is timed before the first device candidate runs.
     */
    @Test
    void measuringTimesEveryHostCandidateBeforeAnyDeviceCandidate() {
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        Backends.register(provider("logged-host", true, logged(new org.walle.engine.backend.ref.CpuReferenceBackend(),
                "logged-host", "host", log)));
        Backends.register(provider(ArrayDevice.NAME, false, logged(new ArrayDevice(0), ArrayDevice.NAME, "device",
                log)));
        try (Session s = new Session(graph(), SessionOptions.defaults())) {
            s.run(feed());
            assertEquals("cpu-ref", s.lastReport().search().chosenBackend(), "both logged backends estimate 1 s");
            log.clear();
            SearchReport measured = s.measure(feed(), 1);
            assertTrue(log.contains("host") && log.contains("device"), log.toString());
            assertTrue(log.lastIndexOf("host") < log.indexOf("device"), log.toString());
            assertTrue(measured.decisions().stream().allMatch(d -> d.candidates().stream()
                    .filter(c -> c.supported()).allMatch(c -> c.measuredSeconds() != null)), "every candidate timed");
        } finally {
            Backends.unregister("logged-host");
            Backends.unregister(ArrayDevice.NAME);
        }
    }

    /** A host backend whose cheap-looking second algorithm for Relu throws: only measuring mode runs it. */
    @Test
    void aCandidateThatThrowsWhenMeasuredIsRecordedAndTheMeasurementGoesOn() {
        Backend flaky = new Backend() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public boolean hostMemory() {
                return true;
            }

            @Override
            public Creation onCreate(Command c) {
                Algorithm good = new Algorithm("good", 1, 1e-9, () -> (in, out) -> ReferenceBackend.execute(c, in, out));
                if (c.op() != AtomicOp.UNARY) {
                    return Creation.of(good);
                }
                return Creation.of(good, new Algorithm("broken", 1, 1.0, () -> (in, out) -> {
                    throw new ArrayIndexOutOfBoundsException("arraycopy: source index -1");
                }));
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
        Backends.register(provider("flaky", true, flaky));
        try (Session s = new Session(graph(), SessionOptions.defaults().withBackend("flaky"))) {
            Tensor before = s.run(feed()).get("y");
            SearchReport measured = s.measure(feed(), 1);
            Candidate broken = measured.decisionsFor("relu").get(0).candidates().stream()
                    .filter(c -> c.algorithm().equals("broken")).findFirst().orElseThrow();
            assertTrue(!broken.supported() && broken.unsupportedReason().contains("failed when measured")
                    && broken.unsupportedReason().contains("source index -1"), broken.toString());
            assertTrue(!measured.decisionsFor("relu").get(0).algorithm().equals("broken"));
            Tensor after = s.run(feed()).get("y");
            for (int i = 0; i < 4; i++) {
                assertEquals(before.getDouble(i), after.getDouble(i));
            }
        }
    }
}
