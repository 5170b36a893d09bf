package org.walle.engine.simd.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.walle.engine.backend.calibration.Calibrations;
import org.walle.engine.backend.calibration.Calibrator;
import org.walle.engine.simd.Calibration;

/** The provider offers its calibrator, so every session (studio, command line, tests) checks cpu-simd's speeds. */
class SimdCalibratorTest {

    @Test
    void theProviderOffersTheCalibratorTheBackendReads() {
        SimdBackendProvider provider = new SimdBackendProvider();
        Calibrator c = Calibrations.of(provider).orElseThrow();
        assertInstanceOf(SimdCalibrator.class, c, "the provider's own, not one a command line registered");
        assertEquals(Calibration.machineKey(), c.key(), "the entry the backend reads its speeds from");
        assertTrue(c.figureNames().contains(c.probeFigure()), c.figureNames().toString());
    }

    @Test
    void theProbeMeasuresAPositiveGemmSpeed() {
        double gflops = new SimdCalibrator(50_000_000L).probe();
        assertTrue(gflops > 0 && Double.isFinite(gflops), "probe gave " + gflops);
    }
}
