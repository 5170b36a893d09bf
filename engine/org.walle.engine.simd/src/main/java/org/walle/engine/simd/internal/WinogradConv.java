package org.walle.engine.simd.internal;

import java.util.Arrays;
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
    private static final Scratch PADDED = new Scratch();
    private static final Scratch TILE_ROWS = new Scratch();

    private void inputTransform(Conv2dParams p, float[] in, int n, int c0, int c1, int tilesX, int tiles,
            int tilesPad, float[] v) {
        int a2 = alpha * alpha;
        // per channel: the tiles gathered as d[(a, b)][t], tmp = B^T d, V = tmp B (B = (B^T)^T), each step a run of
        // tilesPad floats per matrix entry
        float[] d = TILE_ROWS.take(2 * a2 * tilesPad);
        int tmpOff = a2 * tilesPad;
        // each channel is first copied into a zero-bordered plane that every tile lies inside: the gather has no
        // border tests
        int tilesY = (tiles + tilesX - 1) / tilesX;
        int ph = Math.max(tilesY * m + alpha - m, p.padTop() + p.height());
        int pw = Math.max(tilesX * m + alpha - m, p.padLeft() + p.width());
        float[] padded = PADDED.take(ph * pw);
        Arrays.fill(padded, 0, ph * pw, 0f);
        for (int ic = c0; ic < c1; ic++) {
            int plane = (n * p.inChannels() + ic) * p.height() * p.width();
            for (int y = 0; y < p.height(); y++) {
                System.arraycopy(in, plane + y * p.width(), padded, (y + p.padTop()) * pw + p.padLeft(), p.width());
            }
            // entry by entry, so each run of d is written in order (tile by tile, 36 runs at once, was slower)
            for (int a = 0; a < alpha; a++) {
                for (int b = 0; b < alpha; b++) {
                    int e = (a * alpha + b) * tilesPad;
                    for (int ty = 0; ty < tilesY; ty++) {
                        int src = (ty * m + a) * pw + b;
                        int dst = e + ty * tilesX;
                        for (int tx = 0; tx < tilesX; tx++) {
                            d[dst + tx] = padded[src + tx * m];
                        }
                    }
                }
            }
            for (int e = 0; e < a2; e++) {
                Arrays.fill(d, e * tilesPad + tiles, (e + 1) * tilesPad, 0f);
            }
            for (int i = 0; i < alpha; i++) {
                for (int col = 0; col < alpha; col++) {
                    combine(bt, i, d, col * tilesPad, alpha * tilesPad, d, tmpOff + (i * alpha + col) * tilesPad, 0f,
                            tilesPad);
                }
            }
            for (int i = 0; i < alpha; i++) {
                for (int j = 0; j < alpha; j++) {
                    combine(bt, j, d, tmpOff + i * alpha * tilesPad, tilesPad, v,
                            ((i * alpha + j) * p.inChannels() + ic) * tilesPad, 0f, tilesPad);
                }
            }
        }
        PADDED.give(padded);
        TILE_ROWS.give(d);
    }

    /**
     * {@code dst[dstOff + t] = init + sum_r coef[row * alpha + r] * src[srcOff + r * srcStride + t]} for t below len
     * (a multiple of L), zero coefficients skipped: one vector loop over t per term. (A vector sum carried across
     * the loop over r, one tile group at a time, was boxed by C2 and ran in the Vector API's Java fallback: F(4,3) on
     * the OCR detector's 96->24 80x80 layers took 39 ms.)
     */
    private void combine(float[] coef, int row, float[] src, int srcOff, int srcStride, float[] dst, int dstOff,
            float init, int len) {
        Arrays.fill(dst, dstOff, dstOff + len, init);
        for (int r = 0; r < alpha; r++) {
            float c = coef[row * alpha + r];
            if (c == 0f) {
                continue;
            }
            FloatVector vc = FloatVector.broadcast(SP, c);
            int from = srcOff + r * srcStride;
            for (int t = 0; t < len; t += L) {
                FloatVector.fromArray(SP, src, from + t).fma(vc, FloatVector.fromArray(SP, dst, dstOff + t))
                        .intoArray(dst, dstOff + t);
            }
        }
    }

    private void outputTransform(Conv2dParams p, float[] mm, float[] bias, float[] out, int n, int o0, int o1,
            int tilesX, int tiles, int tilesPad) {
        int oc = p.outChannels();
        int oh = p.outHeight();
        int ow = p.outWidth();
        // tmp = A^T M (m x alpha), Y = tmp A (m x m), each a run of tilesPad floats per matrix entry
        float[] tmp = TILE_ROWS.take((m * alpha + m * m) * tilesPad);
        int yOff = m * alpha * tilesPad;
        for (int o = o0; o < o1; o++) {
            float b = bias == null ? 0f : bias[o];
            int outPlane = (n * oc + o) * oh * ow;
            for (int i = 0; i < m; i++) {
                for (int col = 0; col < alpha; col++) {
                    combine(at, i, mm, (col * oc + o) * tilesPad, alpha * oc * tilesPad, tmp,
                            (i * alpha + col) * tilesPad, 0f, tilesPad);
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    combine(at, j, tmp, i * alpha * tilesPad, tilesPad, tmp, yOff + (i * m + j) * tilesPad, b, tilesPad);
                }
            }
            for (int t = 0; t < tiles; t++) {
                int y0 = (t / tilesX) * m;
                int x0 = (t % tilesX) * m;
                for (int i = 0; i < m && y0 + i < oh; i++) {
                    for (int j = 0; j < m && x0 + j < ow; j++) {
                        out[outPlane + (y0 + i) * ow + x0 + j] = tmp[yOff + (i * m + j) * tilesPad + t];
                    }
                }
            }
        }
        TILE_ROWS.give(tmp);
    }
}
