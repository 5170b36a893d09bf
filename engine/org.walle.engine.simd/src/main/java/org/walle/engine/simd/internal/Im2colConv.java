package org.walle.engine.simd.internal;

import java.util.Arrays;
import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.GemmTiling;
import org.walle.engine.simd.Parallel;

/**
 * im2col + GEMM: per (batch, group) the input is lowered to {@code col[(ic, kh, kw)][oy * OW + ox]} and the
 * group's weights {@code [OC/g, C/g*KH*KW]} multiply it straight into the NCHW output, which is pre-filled with
 * the bias so the GEMM only accumulates.
 */
public final class Im2colConv {

    private Im2colConv() {
    }

    public static void run(Conv2dParams p, float[] in, float[] w, float[] bias, float[] out, int threads) {
        int spatial = p.outHeight() * p.outWidth();
        int k = p.inPerGroup() * p.kernelH() * p.kernelW();
        int m = p.outPerGroup();
        float[] col = new float[k * spatial];
        GemmTiling tiling = GemmTiling.choose(m, spatial, k);
        for (int n = 0; n < p.batch(); n++) {
            fillBias(p, bias, out, n);
            for (int g = 0; g < p.groups(); g++) {
                lower(p, in, n, g * p.inPerGroup(), col, threads);
                int outOff = (n * p.outChannels() + g * m) * spatial;
                GemmKernel.multiply(w, g * m * k, k, col, 0, spatial, out, outOff, spatial, m, spatial, k, true,
                        tiling, threads);
            }
        }
    }

    private static void fillBias(Conv2dParams p, float[] bias, float[] out, int n) {
        int spatial = p.outHeight() * p.outWidth();
        for (int oc = 0; oc < p.outChannels(); oc++) {
            int off = (n * p.outChannels() + oc) * spatial;
            Arrays.fill(out, off, off + spatial, bias == null ? 0f : bias[oc]);
        }
    }

    /** Writes the column matrix of input channels {@code [ic0, ic0 + C/g)} of image {@code n}. */
    public static void lower(Conv2dParams p, float[] in, int n, int ic0, float[] col, int threads) {
        int kh = p.kernelH();
        int kw = p.kernelW();
        int oh = p.outHeight();
        int ow = p.outWidth();
        int rows = p.inPerGroup() * kh * kw;
        Parallel.forRange(threads, rows, 4, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int ic = r / (kh * kw);
                int y = (r / kw) % kh;
                int x = r % kw;
                int inPlane = (n * p.inChannels() + ic0 + ic) * p.height() * p.width();
                int shift = x * p.dilationW() - p.padLeft();
                for (int oy = 0; oy < oh; oy++) {
                    int dst = (r * oh + oy) * ow;
                    int iy = oy * p.strideH() - p.padTop() + y * p.dilationH();
                    if (iy < 0 || iy >= p.height()) {
                        Arrays.fill(col, dst, dst + ow, 0f);
                        continue;
                    }
                    int src = inPlane + iy * p.width();
                    if (p.strideW() == 1) {
                        int first = Math.min(ow, Math.max(0, -shift));
                        int last = Math.max(first, Math.min(ow, p.width() - shift));
                        Arrays.fill(col, dst, dst + first, 0f);
                        System.arraycopy(in, src + first + shift, col, dst + first, last - first);
                        Arrays.fill(col, dst + last, dst + ow, 0f);
                    } else {
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ox * p.strideW() + shift;
                            col[dst + ox] = ix >= 0 && ix < p.width() ? in[src + ix] : 0f;
                        }
                    }
                }
            }
        });
    }
}
