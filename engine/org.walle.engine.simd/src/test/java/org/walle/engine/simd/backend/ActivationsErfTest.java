package org.walle.engine.simd.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.walle.engine.decompose.Params.UnaryKind;

/**
 * The vector Erf and Gelu (a rational erf of the argument clamped to [-4, 4]) against erf's Taylor series in double
 * over the whole float range that matters, not only the [-1, 1] of the generic unary test: the clamp's edges, large
 * arguments (erf is +-1, Gelu is x or 0), tiny ones (relative accuracy), and NaN. Tolerance 1e-6 absolute for erf,
 * 1e-6 max(1, |x|) for Gelu (the fit is within 3.1e-7 in float).
 */
class ActivationsErfTest {

    @Test
    void erfAndGeluFollowTheDefinitionAcrossTheRange() {
        float[] x = new float[48_003];
        for (int i = 0; i < 48_000; i++) {
            x[i] = -12f + i * (24f / 48_000);
        }
        x[48_000] = 4f;
        x[48_001] = -4.0000005f;
        x[48_002] = 1e-30f;
        float[] erf = new float[x.length];
        float[] gelu = new float[x.length];
        Activations.range(UnaryKind.ERF, 0f, 0f, x, erf, 0, x.length);
        Activations.range(UnaryKind.GELU, 0f, 0f, x, gelu, 0, x.length);
        double worstErf = 0;
        double worstGelu = 0;
        for (int i = 0; i < x.length; i++) {
            double e = erf(x[i]);
            double g = 0.5 * x[i] * (1 + erf(x[i] / Math.sqrt(2)));
            worstErf = Math.max(worstErf, Math.abs(erf[i] - e));
            worstGelu = Math.max(worstGelu, Math.abs(gelu[i] - g) / Math.max(1, Math.abs(x[i])));
        }
        assertTrue(worstErf <= 1e-6, "erf off by " + worstErf);
        assertTrue(worstGelu <= 1e-6, "gelu off by " + worstGelu);
        assertEquals(1e-30 * 2 / Math.sqrt(Math.PI), erf[48_002], 1e-36, "erf near 0 keeps its relative accuracy");
        float[] nan = {Float.NaN, 1f, 2f, 3f, 4f, 5f, 6f, 7f};
        float[] out = new float[nan.length];
        Activations.range(UnaryKind.GELU, 0f, 0f, nan, out, 0, nan.length);
        assertTrue(Float.isNaN(out[0]), "NaN stays NaN: " + out[0]);
    }

    /**
     * erf by its Taylor series in double up to |x| = 4.5 (the largest term there is 2.6e8, so the sum keeps ~1e-8),
     * +-1 beyond (erfc(4.5) = 2e-10).
     */
    private static double erf(double x) {
        double z = Math.abs(x);
        if (z > 4.5) {
            return Math.signum(x);
        }
        double term = z;
        double sum = z;
        for (int n = 1; n < 200; n++) {
            term *= -z * z / n;
            sum += term / (2 * n + 1);
        }
        return Math.signum(x) * 2 / Math.sqrt(Math.PI) * sum;
    }
}
