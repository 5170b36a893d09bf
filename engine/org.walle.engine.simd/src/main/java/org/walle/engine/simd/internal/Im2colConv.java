package org.walle.engine.simd.internal;

import java.util.Arrays;
import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.GemmTiling;
import org.walle.engine.simd.Parallel;

/**
 * im2col + GEMM: per (batch, group) the input is lowered to {@code col[(ic, kh, kw)][oy * OW + ox]} and the
 * group's weights {@code [OC/g, C/g*KH*KW]} multiply it straight into the NCHW output; the GEMM starts each output
 * row from its bias and clamps each finished block (a fused ReLU), so neither is a pass over the output.
 */
public final class Im2colConv {

    private Im2colConv() {
    }

    /**
     * Output columns lowered and multiplied per pass when the image is large: the column block then stays in cache
     * between the lowering and the GEMM instead of a k x OH*OW matrix going out to DRAM and back (22 MB for the OCR
     * detector's 96-channel 80x80 layers). 256 columns keep the re-packing of the weights per pass under ~10%.
     */
    static final int CHUNK = 256;

    public static void run(Conv2dParams p, float[] in, float[] w, float[] bias, float[] out, int threads) {
        run(p, in, w, null, bias, out, threads);
    }

    /** The GEMM tiling {@link #run} uses for {@code p}: weights packed for it can be passed to run. */
    public static GemmTiling tiling(Conv2dParams p) {
        int spatial = p.outHeight() * p.outWidth();
        int chunk = isPointwise(p) || spatial <= 2 * CHUNK ? spatial : CHUNK;
        return GemmTiling.choose(p.outPerGroup(), chunk, p.inPerGroup() * p.kernelH() * p.kernelW());
    }

    /** Constant weights packed once per group into the GEMM's A panels (see {@link GemmKernel#pack}). */
    public static GemmKernel.PackedA[] packWeights(Conv2dParams p, float[] w) {
        int k = p.inPerGroup() * p.kernelH() * p.kernelW();
        int m = p.outPerGroup();
        GemmTiling tiling = tiling(p);
        GemmKernel.PackedA[] packed = new GemmKernel.PackedA[p.groups()];
        for (int g = 0; g < p.groups(); g++) {
            packed[g] = GemmKernel.pack(w, g * m * k, k, m, k, tiling);
        }
        return packed;
    }

    /** {@code packed}: the result of {@link #packWeights} for these weights, or null to pack at every call. */
    public static void run(Conv2dParams p, float[] in, float[] w, GemmKernel.PackedA[] packed, float[] bias,
            float[] out, int threads) {
        run(p, in, w, packed, bias, null, out, threads);
    }

    /** As above with a fused clamp (ReLU, ReLU6; null: none) that the GEMM applies to each block it finishes. */
    public static void run(Conv2dParams p, float[] in, float[] w, GemmKernel.PackedA[] packed, float[] bias,
            ClampRows clamp, float[] out, int threads) {
        int spatial = p.outHeight() * p.outWidth();
        int k = p.inPerGroup() * p.kernelH() * p.kernelW();
        int m = p.outPerGroup();
        boolean pointwise = isPointwise(p);
        int chunk = spatial > 2 * CHUNK ? CHUNK : spatial;
        float[] col = pointwise ? in : COLUMNS.take(k * chunk);
        GemmTiling tiling = tiling(p);
        for (int n = 0; n < p.batch(); n++) {
            for (int g = 0; g < p.groups(); g++) {
                int outOff = (n * p.outChannels() + g * m) * spatial;
                GemmKernel.PackedA a = packed == null ? null : packed[g];
                if (pointwise) {
                    // a 1x1 stride-1 unpadded conv's column matrix is the input itself: no lowering copy
                    int colOff = (n * p.inChannels() + g * p.inPerGroup()) * spatial;
                    GemmKernel.multiply(w, g * m * k, k, a, col, colOff, spatial, null, out, outOff, spatial, m,
                            spatial, k, false, tiling, threads, bias, g * m, clamp);
                    continue;
                }
                for (int j0 = 0; j0 < spatial; j0 += chunk) {
                    int width = Math.min(chunk, spatial - j0);
                    lower(p, in, n, g * p.inPerGroup(), col, j0, j0 + width, threads);
                    GemmKernel.multiply(w, g * m * k, k, a, col, 0, width, null, out, outOff + j0, spatial, m, width,
                            k, false, tiling, threads, bias, g * m, clamp);
                }
            }
        }
        if (!pointwise) {
            COLUMNS.give(col);
        }
    }

    private static final Scratch COLUMNS = new Scratch();

    /** 1x1 kernel, stride 1, no padding: output pixel i reads input pixel i of every channel. */
    public static boolean isPointwise(Conv2dParams p) {
        return p.kernelH() == 1 && p.kernelW() == 1 && p.strideH() == 1 && p.strideW() == 1 && p.padTop() == 0
                && p.padLeft() == 0 && p.padBottom() == 0 && p.padRight() == 0;
    }

    /**
     * Writes output columns {@code [j0, j1)} of the column matrix of input channels {@code [ic0, ic0 + C/g)} of
     * image {@code n}: {@code col[r * (j1 - j0) + j - j0]} for every row r = (ic, kh, kw).
     */
    public static void lower(Conv2dParams p, float[] in, int n, int ic0, float[] col, int j0, int j1, int threads) {
        int kh = p.kernelH();
        int kw = p.kernelW();
        int ow = p.outWidth();
        int rows = p.inPerGroup() * kh * kw;
        int width = j1 - j0;
        Parallel.forRange(threads, rows, Math.max(4, 65536 / Math.max(1, width)), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int ic = r / (kh * kw);
                int y = (r / kw) % kh;
                int x = r % kw;
                int inPlane = (n * p.inChannels() + ic0 + ic) * p.height() * p.width();
                int shift = x * p.dilationW() - p.padLeft();
                for (int oy = j0 / ow; oy * ow < j1; oy++) {
                    int xa = Math.max(0, j0 - oy * ow);
                    int xb = Math.min(ow, j1 - oy * ow);
                    int dst = r * width + oy * ow - j0;
                    int iy = oy * p.strideH() - p.padTop() + y * p.dilationH();
                    if (iy < 0 || iy >= p.height()) {
                        Arrays.fill(col, dst + xa, dst + xb, 0f);
                        continue;
                    }
                    int src = inPlane + iy * p.width();
                    if (p.strideW() == 1) {
                        int first = Math.min(xb, Math.max(xa, -shift));
                        int last = Math.max(first, Math.min(xb, p.width() - shift));
                        Arrays.fill(col, dst + xa, dst + first, 0f);
                        if (last > first) { // a window wholly in the padding has no source (its index may be < 0)
                            System.arraycopy(in, src + first + shift, col, dst + first, last - first);
                        }
                        Arrays.fill(col, dst + last, dst + xb, 0f);
                    } else {
                        for (int ox = xa; ox < xb; ox++) {
                            int ix = ox * p.strideW() + shift;
                            col[dst + ox] = ix >= 0 && ix < p.width() ? in[src + ix] : 0f;
                        }
                    }
                }
            }
        });
    }
}
