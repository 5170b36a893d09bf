package org.walle.engine.simd.backend;

import org.walle.engine.simd.Parallel;

/**
 * LogSoftmax ({@code x - max - log(sum(exp(x - max)))}, never the log of a rounded-to-zero probability) and
 * Hardmax (1 at the first maximum) over the middle axis of {@code [outer, axis, inner]}, parallel over the
 * {@code outer x inner} lines. Scalar loops: these modes are rare and bound by the exp, not by the loads.
 */
final class SoftmaxModes {
    private static final int GRAIN = 1 << 15;

    private SoftmaxModes() {
    }

    static void run(boolean log, float[] x, float[] y, int outer, int axis, int inner, int threads) {
        Parallel.forRange(threads, outer * inner, Math.max(1, GRAIN / axis), (from, to) -> {
            for (int line = from; line < to; line++) {
                int base = (line / inner) * axis * inner + line % inner;
                float max = Float.NEGATIVE_INFINITY;
                int argMax = 0;
                for (int j = 0; j < axis; j++) {
                    float v = x[base + j * inner];
                    if (v > max) {
                        max = v;
                        argMax = j;
                    }
                }
                if (log) {
                    double sum = 0;
                    for (int j = 0; j < axis; j++) {
                        sum += Math.exp(x[base + j * inner] - max);
                    }
                    double shift = max + Math.log(sum);
                    for (int j = 0; j < axis; j++) {
                        y[base + j * inner] = (float) (x[base + j * inner] - shift);
                    }
                } else {
                    for (int j = 0; j < axis; j++) {
                        y[base + j * inner] = j == argMax ? 1f : 0f;
                    }
                }
            }
        });
    }
}
