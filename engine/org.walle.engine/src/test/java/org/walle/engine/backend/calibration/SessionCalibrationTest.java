package org.walle.engine.backend.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.backend.Backend;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.backend.BackendProvider;
import org.walle.engine.backend.Backends;
import org.walle.engine.backend.Creation;
import org.walle.engine.decompose.Command;
import org.walle.engine.backend.ref.CpuReferenceBackend;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Sessions check a backend's calibration (provider's own or registered) once per process, before creating it. */
class SessionCalibrationTest {
    @TempDir
    Path dir;
    private String oldProperty;

    @BeforeEach
    void useTempCache() {
        oldProperty = System.getProperty("walle.calibration.file");
        System.setProperty("walle.calibration.file", dir.resolve("cal.json").toString());
        CalibrationCache.forgetObtained();
    }

    @AfterEach
    void restore() {
        if (oldProperty == null) {
            System.clearProperty("walle.calibration.file");
        } else {
            System.setProperty("walle.calibration.file", oldProperty);
        }
        Backends.unregister("calibrated");
        Calibrations.unregister("calibrated");
        CalibrationCache.forgetObtained();
    }

    private static BackendProvider provider(Optional<Calibrator> own) {
        return new BackendProvider() {
            @Override
            public String name() {
                return "calibrated";
            }

            @Override
            public int rank() {
                return 1;
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
                CpuReferenceBackend ref = new CpuReferenceBackend();
                return new Backend() {
                    @Override
                    public String name() {
                        return "calibrated";
                    }

                    @Override
                    public boolean hostMemory() {
                        return true;
                    }

                    @Override
                    public Creation onCreate(Command command) {
                        return ref.onCreate(command);
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

            @Override
            public Optional<Calibrator> calibrator() {
                return own;
            }
        };
    }

    @Test
    void theProvidersCalibratorIsMeasuredOnceThenCheckedOncePerProcess() throws Exception {
        FakeCalibrator c = new FakeCalibrator("calibrated|test", List.of(new double[] {5, 5}));
        Backends.register(provider(Optional.of(c)));
        try (Session s = new Session(SampleGraphs.mlp(4, 8, 3, 1), SessionOptions.defaults())) {
            assertEquals(3, c.measured, "no entry: measured (3 passes) before the backend was created");
        }
        try (Session s = new Session(SampleGraphs.mlp(4, 8, 3, 1), SessionOptions.defaults())) {
            assertEquals(3, c.measured);
            assertEquals(0, c.probed, "the process measured it itself: no probe");
        }
        assertTrue(Files.readString(dir.resolve("cal.json")).contains("calibrated|test"));
        CalibrationCache.forgetObtained(); // as a new process
        Map<String, Tensor> feed = Map.of("x", Tensor.of(Shape.of(1, 4), 1f, 2f, 3f, 4f));
        try (Session s = new Session(SampleGraphs.mlp(4, 8, 3, 1), SessionOptions.defaults())) {
            s.run(feed);
        }
        assertEquals(0, c.probed, "one run is too few to trust a probe of JIT-compiled kernels");
        try (Session s = new Session(SampleGraphs.mlp(4, 8, 3, 1), SessionOptions.defaults())) {
            for (int i = 0; i < 3; i++) {
                s.run(feed);
            }
            assertEquals(0, c.probed, "no probe while the session runs");
        }
        assertEquals(1, c.probed, "probed when a session that ran 3 times closed");
        c.probeValue = 50; // 10x the cached 5: stale
        CalibrationCache.forgetObtained();
        try (Session s = new Session(SampleGraphs.mlp(4, 8, 3, 1), SessionOptions.defaults())) {
            for (int i = 0; i < 3; i++) {
                s.run(feed);
            }
        }
        assertEquals(6, c.measured, "re-measured when the probe found it stale");
    }

    @Test
    void aRegisteredCalibratorStandsInForAProviderWithoutOneAndItsFailureNeverStopsASession() {
        FakeCalibrator c = new FakeCalibrator("calibrated|registered", List.of());
        c.passes.add(new double[] {Double.NaN, 1}); // an unusable measurement
        Backends.register(provider(Optional.empty()));
        Calibrations.register("calibrated", c);
        try (Session s = new Session(SampleGraphs.mlp(4, 8, 3, 1), SessionOptions.defaults().withBackend("calibrated"))) {
            assertEquals(3, c.measured);
            assertEquals("calibrated", s.resize(Map.of("x", Shape.of(1, 4))).search()
                    .chosenBackend());
        }
    }
}
