package org.walle.engine.simd;

import java.util.Random;

/** Scalar oracles (double accumulation) and comparison helpers for the kernel tests. */
final class Reference {

    private Reference() {
    }

    static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }

    static float[] gemm(float[] a, float[] b, int m, int n, int k) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = (float) s;
            }
        }
        return c;
    }

    /**
     * Asserts {@code |actual - expected| <= tol * scale} element-wise where scale is the largest |expected| (at
     * least 1): a relative bound that does not blow up on outputs that cancel to near zero.
     */
    static void assertClose(float[] expected, float[] actual, double tol, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": length " + actual.length + " != " + expected.length);
        }
        double scale = 1;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs((double) actual[i] - expected[i]);
            if (!(err <= tol * scale)) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]
                        + " (error " + err + " > " + tol + " * " + scale + ")");
            }
        }
    }

    static double maxRelativeError(float[] expected, float[] actual) {
        double scale = 1;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs((double) actual[i] - expected[i]) / scale);
        }
        return worst;
    }
}
