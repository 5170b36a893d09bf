package org.walle.engine.simd.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.GemmTiling;
import org.walle.engine.simd.Parallel;
import org.walle.engine.simd.WinogradTransform;

/**
 * Winograd F(m, 3) convolution. The transforms run on vectors of {@code L} tiles at a time (lane = tile), so they
 * vectorise even though each tile is only {@code alpha x alpha}:
 * <ol>
 * <li>U[xi][oc][ic] = (G g G^T)[xi] for every filter;</li>
 * <li>V[xi][ic][t] = (B^T d B)[xi] for every input tile t;</li>
 * <li>M[xi] = U[xi] * V[xi], alpha^2 independent GEMMs {@code (OC x C) * (C x T)}, in parallel over xi;</li>
 * <li>Y = A^T M A per output tile, plus bias, clipped at the right and bottom edges.</li>
 * </ol>
 */
public final class WinogradConv {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();

    private final int m;
    private final int alpha;
    private final float[] at;
    private final float[] g;
    private final float[] bt;

    public WinogradConv(WinogradTransform transform) {
        if (transform.filterSize() != 3) {
            throw new IllegalArgumentException("Winograd convolution supports 3x3 filters, got F("
                    + transform.outputTile() + "," + transform.filterSize() + ")");
        }
        this.m = transform.outputTile();
        this.alpha = transform.inputTile();
        this.at = transform.at();
        this.g = transform.g();
        this.bt = transform.bt();
    }

    /** Filter transform {@code U = G g G^T}, laid out {@code [alpha^2][OC][C]}; reusable while the weights are. */
    public float[] transformWeights(Conv2dParams p, float[] w) {
        int oc = p.outChannels();
        int c = p.inChannels();
        float[] u = new float[alpha * alpha * oc * c];
        float[] tmp = new float[alpha * 3];
        for (int o = 0; o < oc; o++) {
            for (int i = 0; i < c; i++) {
                int wb = (o * c + i) * 9;
                for (int a = 0; a < alpha; a++) {
                    for (int col = 0; col < 3; col++) {
                        float s = 0;
                        for (int r = 0; r < 3; r++) {
                            s += g[a * 3 + r] * w[wb + r * 3 + col];
                        }
                        tmp[a * 3 + col] = s;
                    }
                }
                for (int a = 0; a < alpha; a++) {
                    for (int b = 0; b < alpha; b++) {
                        float s = 0;
                        for (int r = 0; r < 3; r++) {
                            s += tmp[a * 3 + r] * g[b * 3 + r];
                        }
                        u[((a * alpha + b) * oc + o) * c + i] = s;
                    }
                }
            }
        }
        return u;
    }

    public void run(Conv2dParams p, float[] in, float[] w, float[] bias, float[] out, int threads) {
        runTransformed(p, in, transformWeights(p, w), bias, out, threads);
    }

    /** Runs with filters already transformed by {@link #transformWeights}. */
    public void runTransformed(Conv2dParams p, float[] in, float[] u, float[] bias, float[] out, int threads) {
        int tilesY = (p.outHeight() + m - 1) / m;
        int tilesX = (p.outWidth() + m - 1) / m;
        int tiles = tilesY * tilesX;
        int tilesPad = (tiles + L - 1) / L * L;
        int oc = p.outChannels();
        int c = p.inChannels();
        int a2 = alpha * alpha;
        // per-thread scratch: every V entry is written; M's columns past the last tile are never stored out
        float[] v = TRANSFORMED.take(a2 * c * tilesPad);
        float[] mm = PRODUCTS.take(a2 * oc * tilesPad);
        GemmTiling tiling = GemmTiling.choose(oc, tiles, c);
        for (int n = 0; n < p.batch(); n++) {
            int image = n;
            Parallel.forRange(threads, c, (c0, c1) -> inputTransform(p, in, image, c0, c1, tilesX, tiles, tilesPad, v));
            Parallel.forRange(threads, a2, (x0, x1) -> {
                for (int xi = x0; xi < x1; xi++) {
                    GemmKernel.multiply(u, xi * oc * c, c, v, xi * c * tilesPad, tilesPad, mm, xi * oc * tilesPad,
                            tilesPad, oc, tiles, c, false, tiling, 1);
                }
            });
            Parallel.forRange(threads, oc, (o0, o1) -> outputTransform(p, mm, bias, out, image, o0, o1, tilesX, tiles,
                    tilesPad));
        }
        PRODUCTS.give(mm);
        TRANSFORMED.give(v);
    }

    private static final Scratch TRANSFORMED = new Scratch();
    private static final Scratch PRODUCTS = new Scratch();

    private void inputTransform(Conv2dParams p, float[] in, int n, int c0, int c1, int tilesX, int tiles,
            int tilesPad, float[] v) {
        int a2 = alpha * alpha;
        float[] d = new float[a2 * L];
        float[] tmp = new float[a2 * L];
        for (int ic = c0; ic < c1; ic++) {
            int plane = (n * p.inChannels() + ic) * p.height() * p.width();
            for (int t0 = 0; t0 < tiles; t0 += L) {
                for (int lane = 0; lane < L; lane++) {
                    int t = t0 + lane;
                    int y0 = (t / tilesX) * m - p.padTop();
                    int x0 = (t % tilesX) * m - p.padLeft();
                    for (int a = 0; a < alpha; a++) {
                        int iy = y0 + a;
                        boolean rowIn = t < tiles && iy >= 0 && iy < p.height();
                        for (int b = 0; b < alpha; b++) {
                            int ix = x0 + b;
                            d[(a * alpha + b) * L + lane] = rowIn && ix >= 0 && ix < p.width()
                                    ? in[plane + iy * p.width() + ix] : 0f;
                        }
                    }
                }
                // tmp = B^T d, then V = tmp B (B = (B^T)^T)
                for (int i = 0; i < alpha; i++) {
                    for (int col = 0; col < alpha; col++) {
                        combine(bt, i, d, col * L, alpha * L, tmp, (i * alpha + col) * L, 0f);
                    }
                }
                for (int i = 0; i < alpha; i++) {
                    for (int j = 0; j < alpha; j++) {
                        combine(bt, j, tmp, i * alpha * L, L, v, ((i * alpha + j) * p.inChannels() + ic) * tilesPad + t0,
                                0f);
                    }
                }
            }
        }
    }

    /**
     * {@code dst[dstOff, + L) = init + sum_r coef[row * alpha + r] * src[srcOff + r * srcStride, + L)}, zero
     * coefficients skipped. The sum is kept in {@code dst}, not in a vector carried across the loop over r: C2
     * boxes such a vector (a loop with a data-dependent skip), which ran these transforms in the Vector API's Java
     * fallback (F(4,3) on the OCR detector's 96->24 80x80 layers: 39 ms instead of the direct conv's 5.5).
     */
    private void combine(float[] coef, int row, float[] src, int srcOff, int srcStride, float[] dst, int dstOff,
            float init) {
        FloatVector.broadcast(SP, init).intoArray(dst, dstOff);
        for (int r = 0; r < alpha; r++) {
            float c = coef[row * alpha + r];
            if (c != 0f) {
                FloatVector.fromArray(SP, src, srcOff + r * srcStride).fma(FloatVector.broadcast(SP, c),
                        FloatVector.fromArray(SP, dst, dstOff)).intoArray(dst, dstOff);
            }
        }
    }

    private void outputTransform(Conv2dParams p, float[] mm, float[] bias, float[] out, int n, int o0, int o1,
            int tilesX, int tiles, int tilesPad) {
        int oc = p.outChannels();
        int oh = p.outHeight();
        int ow = p.outWidth();
        float[] tmp = new float[m * alpha * L];
        float[] y = new float[m * m * L];
        for (int o = o0; o < o1; o++) {
            float b = bias == null ? 0f : bias[o];
            int outPlane = (n * oc + o) * oh * ow;
            for (int t0 = 0; t0 < tiles; t0 += L) {
                // tmp = A^T M (m x alpha), Y = tmp A (m x m)
                for (int i = 0; i < m; i++) {
                    for (int col = 0; col < alpha; col++) {
                        combine(at, i, mm, (col * oc + o) * tilesPad + t0, alpha * oc * tilesPad, tmp,
                                (i * alpha + col) * L, 0f);
                    }
                }
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < m; j++) {
                        combine(at, j, tmp, i * alpha * L, L, y, (i * m + j) * L, b);
                    }
                }
                int lanes = Math.min(L, tiles - t0);
                for (int lane = 0; lane < lanes; lane++) {
                    int t = t0 + lane;
                    int y0 = (t / tilesX) * m;
                    int x0 = (t % tilesX) * m;
                    for (int i = 0; i < m && y0 + i < oh; i++) {
                        for (int j = 0; j < m && x0 + j < ow; j++) {
                            out[outPlane + (y0 + i) * ow + x0 + j] = y[(i * m + j) * L + lane];
                        }
                    }
                }
            }
        }
    }
}
