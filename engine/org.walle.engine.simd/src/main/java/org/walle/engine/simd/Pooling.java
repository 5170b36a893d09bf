package org.walle.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max and average pooling, parallel over planes. With stride 1 the interior of each output row (every window tap
 * inside the input) is computed one vector of outputs at a time; borders and strided rows are scalar.
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
        Parallel.forRange(threads, p.batch() * p.channels(), (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                plane(p, x, y, plane, max, includePad);
            }
        });
    }

    private static void plane(PoolParams p, float[] x, float[] y, int plane, boolean max, boolean includePad) {
        int oh = p.outHeight();
        int ow = p.outWidth();
        int in = plane * p.height() * p.width();
        int out = plane * oh * ow;
        int lo = p.strideW() == 1 ? Math.min(ow, p.padLeft()) : ow;
        int hi = p.strideW() == 1 ? Math.max(lo, Math.min(ow, p.width() + p.padLeft() - p.kernelW() + 1)) : ow;
        int vecEnd = lo + SP.loopBound(hi - lo);
        for (int oy = 0; oy < oh; oy++) {
            int y0 = oy * p.strideH() - p.padTop();
            int rowsIn = Math.min(p.height(), y0 + p.kernelH()) - Math.max(0, y0);
            for (int ox = 0; ox < lo; ox++) {
                y[out + oy * ow + ox] = scalar(p, x, in, oy, ox, max, includePad);
            }
            for (int ox = lo; ox < vecEnd; ox += SP.length()) {
                FloatVector acc = FloatVector.broadcast(SP, max ? Float.NEGATIVE_INFINITY : 0f);
                for (int ky = Math.max(0, y0); ky < Math.min(p.height(), y0 + p.kernelH()); ky++) {
                    int row = in + ky * p.width() + ox - p.padLeft();
                    for (int kx = 0; kx < p.kernelW(); kx++) {
                        FloatVector v = FloatVector.fromArray(SP, x, row + kx);
                        acc = max ? acc.max(v) : acc.add(v);
                    }
                }
                if (!max) {
                    int count = includePad ? p.kernelH() * p.kernelW() : rowsIn * p.kernelW();
                    acc = acc.div((float) count);
                }
                acc.intoArray(y, out + oy * ow + ox);
            }
            for (int ox = vecEnd; ox < ow; ox++) {
                y[out + oy * ow + ox] = scalar(p, x, in, oy, ox, max, includePad);
            }
        }
    }

    private static float scalar(PoolParams p, float[] x, int in, int oy, int ox, boolean max, boolean includePad) {
        float acc = max ? Float.NEGATIVE_INFINITY : 0f;
        int count = 0;
        for (int ky = 0; ky < p.kernelH(); ky++) {
            int iy = oy * p.strideH() - p.padTop() + ky;
            for (int kx = 0; kx < p.kernelW(); kx++) {
                int ix = ox * p.strideW() - p.padLeft() + kx;
                if (iy >= 0 && iy < p.height() && ix >= 0 && ix < p.width()) {
                    float v = x[in + iy * p.width() + ix];
                    acc = max ? Math.max(acc, v) : acc + v;
                    count++;
                }
            }
        }
        if (max) {
            return acc;
        }
        return acc / (includePad ? p.kernelH() * p.kernelW() : count);
    }
}
