package org.walle.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max and average pooling, parallel over planes. Global windows are vector reductions; other windows go through
 * {@link PoolRows} (a padded plane, so every output row is vector code with no border cases).
 */
public final class Pooling {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;

    private Pooling() {
    }

    public static void max(PoolParams p, float[] x, float[] y, int threads) {
        run(p, x, y, true, false, threads);
    }

    /** Average; {@code countIncludePad} divides by the full window size even where it overlaps padding. */
    public static void average(PoolParams p, float[] x, float[] y, boolean countIncludePad, int threads) {
        run(p, x, y, false, countIncludePad, threads);
    }

    private static void run(PoolParams p, float[] x, float[] y, boolean max, boolean includePad, int threads) {
        Elementwise.check("x", x, p.inputSize());
        Elementwise.check("y", y, p.outputSize());
        int planes = p.batch() * p.channels();
        long work = (long) p.outHeight() * p.outWidth() * p.kernelH() * p.kernelW();
        int grain = (int) Math.max(1, (1 << 17) / Math.max(1, work));
        if (isGlobal(p)) {
            int size = p.height() * p.width();
            Parallel.forRange(threads, planes, grain, (from, to) -> {
                for (int plane = from; plane < to; plane++) {
                    y[plane] = max ? maxOf(x, plane * size, size) : sumOf(x, plane * size, size) / size;
                }
            });
            return;
        }
        Parallel.forRange(threads, planes, grain, (from, to) -> {
            PoolRows rows = new PoolRows(p, max, includePad);
            for (int plane = from; plane < to; plane++) {
                rows.plane(x, y, plane);
            }
        });
    }

    /** One window covering the whole unpadded plane: a plain reduction. */
    static boolean isGlobal(PoolParams p) {
        return p.outHeight() == 1 && p.outWidth() == 1 && p.kernelH() == p.height() && p.kernelW() == p.width()
                && p.padTop() == 0 && p.padLeft() == 0 && p.padBottom() == 0 && p.padRight() == 0;
    }

    private static float sumOf(float[] x, int from, int n) {
        FloatVector acc = FloatVector.zero(SP);
        int i = 0;
        int bound = SP.loopBound(n);
        for (; i < bound; i += SP.length()) {
            acc = acc.add(FloatVector.fromArray(SP, x, from + i));
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += x[from + i];
        }
        return sum;
    }

    private static float maxOf(float[] x, int from, int n) {
        FloatVector acc = FloatVector.broadcast(SP, Float.NEGATIVE_INFINITY);
        int i = 0;
        int bound = SP.loopBound(n);
        for (; i < bound; i += SP.length()) {
            acc = acc.max(FloatVector.fromArray(SP, x, from + i));
        }
        float m = acc.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            m = Math.max(m, x[from + i]);
        }
        return m;
    }
}
