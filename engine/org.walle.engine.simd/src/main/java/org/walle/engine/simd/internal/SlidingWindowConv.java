package org.walle.engine.simd.internal;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.Parallel;

/**
 * Direct convolution: for each output row, every (input channel, kh, kw) tap adds a shifted input row times one
 * weight (a vector axpy over the output row when the stride is 1, scalar otherwise). Parallel over output planes.
 */
public final class SlidingWindowConv {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;

    private SlidingWindowConv() {
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
        int cg = p.inPerGroup();
        int ic0 = (oc / p.outPerGroup()) * cg;
        int outBase = (n * p.outChannels() + oc) * oh * ow;
        float b = bias == null ? 0f : bias[oc];
        for (int oy = 0; oy < oh; oy++) {
            int row = outBase + oy * ow;
            Arrays.fill(out, row, row + ow, b);
            for (int ic = 0; ic < cg; ic++) {
                int inPlane = (n * p.inChannels() + ic0 + ic) * p.height() * p.width();
                int wBase = ((oc * cg) + ic) * p.kernelH() * p.kernelW();
                for (int kh = 0; kh < p.kernelH(); kh++) {
                    int iy = oy * p.strideH() - p.padTop() + kh * p.dilationH();
                    if (iy < 0 || iy >= p.height()) {
                        continue;
                    }
                    int inRow = inPlane + iy * p.width();
                    for (int kw = 0; kw < p.kernelW(); kw++) {
                        float weight = w[wBase + kh * p.kernelW() + kw];
                        int shift = kw * p.dilationW() - p.padLeft();
                        tap(p, in, inRow, shift, weight, out, row, ow);
                    }
                }
            }
        }
    }

    /** {@code out[row + ox] += weight * in[inRow + ox * stride + shift]} over the ox whose input is inside the row. */
    private static void tap(Conv2dParams p, float[] in, int inRow, int shift, float weight, float[] out, int row,
            int ow) {
        int s = p.strideW();
        int first = shift >= 0 ? 0 : (-shift + s - 1) / s;
        int last = Math.min(ow, (p.width() - 1 - shift) / s + 1);
        if (p.width() - 1 - shift < 0) {
            return;
        }
        if (s == 1) {
            FloatVector vw = FloatVector.broadcast(SP, weight);
            int ox = first;
            int bound = first + SP.loopBound(Math.max(0, last - first));
            for (; ox < bound; ox += SP.length()) {
                FloatVector x = FloatVector.fromArray(SP, in, inRow + ox + shift);
                x.fma(vw, FloatVector.fromArray(SP, out, row + ox)).intoArray(out, row + ox);
            }
            for (; ox < last; ox++) {
                out[row + ox] += weight * in[inRow + ox + shift];
            }
        } else {
            for (int ox = first; ox < last; ox++) {
                out[row + ox] += weight * in[inRow + ox * s + shift];
            }
        }
    }
}
