package org.walle.engine.simd.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.Parallel;

/**
 * Depthwise convolution (one input channel per group): each output vector of a row keeps its accumulator in a
 * register across all KH*KW taps. The interior (where every tap is inside the input row) is vectorised when the
 * stride is 1; borders and strided rows use the scalar path.
 */
public final class DepthwiseConv {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;

    private DepthwiseConv() {
    }

    public static void run(Conv2dParams p, float[] in, float[] w, float[] bias, float[] out, int threads) {
        int planes = p.batch() * p.outChannels();
        Parallel.forRange(threads, planes, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                plane(p, in, w, bias, out, plane / p.outChannels(), plane % p.outChannels());
            }
        });
    }

    private static void plane(Conv2dParams p, float[] in, float[] w, float[] bias, float[] out, int n, int oc) {
        int oh = p.outHeight();
        int ow = p.outWidth();
        int kh = p.kernelH();
        int kw = p.kernelW();
        int ic = oc / p.outPerGroup();
        int inPlane = (n * p.inChannels() + ic) * p.height() * p.width();
        int outBase = (n * p.outChannels() + oc) * oh * ow;
        int wBase = oc * kh * kw;
        float b = bias == null ? 0f : bias[oc];
        // interior columns: every tap's input index ox - padLeft + x * dilation lies in [0, width)
        int lo = p.strideW() == 1 ? Math.min(ow, p.padLeft()) : ow;
        int hi = p.strideW() == 1 ? Math.max(lo, Math.min(ow, p.width() + p.padLeft() - (kw - 1) * p.dilationW()))
                : ow;
        int vecEnd = lo + SP.loopBound(hi - lo);
        for (int oy = 0; oy < oh; oy++) {
            int row = outBase + oy * ow;
            for (int ox = 0; ox < lo; ox++) {
                out[row + ox] = scalarPixel(p, in, inPlane, w, wBase, b, oy, ox);
            }
            for (int ox = lo; ox < vecEnd; ox += SP.length()) {
                FloatVector acc = FloatVector.broadcast(SP, b);
                for (int y = 0; y < kh; y++) {
                    int iy = oy * p.strideH() - p.padTop() + y * p.dilationH();
                    if (iy < 0 || iy >= p.height()) {
                        continue;
                    }
                    int inRow = inPlane + iy * p.width() + ox - p.padLeft();
                    for (int x = 0; x < kw; x++) {
                        acc = FloatVector.fromArray(SP, in, inRow + x * p.dilationW())
                                .fma(FloatVector.broadcast(SP, w[wBase + y * kw + x]), acc);
                    }
                }
                acc.intoArray(out, row + ox);
            }
            for (int ox = vecEnd; ox < ow; ox++) {
                out[row + ox] = scalarPixel(p, in, inPlane, w, wBase, b, oy, ox);
            }
        }
    }

    private static float scalarPixel(Conv2dParams p, float[] in, int inPlane, float[] w, int wBase, float b, int oy,
            int ox) {
        float acc = b;
        for (int y = 0; y < p.kernelH(); y++) {
            int iy = oy * p.strideH() - p.padTop() + y * p.dilationH();
            if (iy < 0 || iy >= p.height()) {
                continue;
            }
            for (int x = 0; x < p.kernelW(); x++) {
                int ix = ox * p.strideW() - p.padLeft() + x * p.dilationW();
                if (ix >= 0 && ix < p.width()) {
                    acc += w[wBase + y * p.kernelW() + x] * in[inPlane + iy * p.width() + ix];
                }
            }
        }
        return acc;
    }
}
