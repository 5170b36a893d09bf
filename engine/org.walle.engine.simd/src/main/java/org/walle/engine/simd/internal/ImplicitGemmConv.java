package org.walle.engine.simd.internal;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.GemmTiling;
import org.walle.engine.simd.Parallel;

/**
 * Convolution as an implicit GEMM: {@code out[oc][j] = bias[oc] + sum_p W[oc][p] * B[p][j]} where B is read from
 * the {@link PhasePlanes} buffer ({@code B[p][j] = buffer[offset(p) + j]}) and never lowered as a whole (im2col
 * writes and re-reads {@code KH*KW} copies of the input). The weights are packed once into the GEMM's MR-row
 * micro-panels ({@link GemmKernel#pack}).
 *
 * <p>The B rows of a few {@code NR}-column panels are copied contiguous at a time, reading each row of the buffer as
 * one run ({@link #PANEL_BLOCK_BYTES}); then per panel and per block of {@code mc} output channels, each
 * {@code kc}-row block of the panel's copy stays in L1 while the {@code MR x NR} micro-kernel streams it for every
 * row group. Accumulators start from the bias, so there is no bias pass. A panel whose columns are all real output
 * pixels of one output row (or every panel, when rows have no discarded columns) is stored straight into the output;
 * the others go through a small per-thread tile from which only the real pixels are copied.
 */
public final class ImplicitGemmConv {

    static final VectorSpecies<Float> SP = GemmKernel.SP;
    static final int L = GemmKernel.L;
    static final int NR = GemmKernel.NR;
    /** Rows of C per micro-kernel call. */
    public static final int MR = GemmKernel.MR;
    /** Rows of B per block: a 128 x 16-float block is 8 KB of L1 (128 measured as fast as 256 or faster). */
    static final int KC = 128;
    /** Bytes of packed weights per row block that should stay in L2 while the panels stream past (half of 512 KB). */
    static final int A_BLOCK_BYTES = 256 * 1024;

    private static final Scratch BUFFERS = new Scratch();
    private static final Scratch TILES = new Scratch();

    private ImplicitGemmConv() {
    }

    /** The tiling the weights are packed for: only its kc matters ({@link #KC}, or K when smaller). */
    static GemmTiling tiling() {
        return new GemmTiling(MR, KC);
    }

    /**
     * Output channels per row block: the block's packed weights fit {@link #A_BLOCK_BYTES}, and the blocks of a group
     * are balanced (240 rows in 2 x 120, not 200 + 40).
     */
    public static int rowBlock(Conv2dParams p) {
        int k = p.inPerGroup() * p.kernelH() * p.kernelW();
        int mPad = (p.outPerGroup() + MR - 1) / MR * MR;
        int most = Math.max(MR, A_BLOCK_BYTES / (4 * k) / MR * MR);
        int blocks = (mPad + most - 1) / most;
        return (mPad / MR + blocks - 1) / blocks * MR;
    }

    /** Constant weights packed once per group. */
    public static GemmKernel.PackedA[] packWeights(Conv2dParams p, float[] w) {
        int k = p.inPerGroup() * p.kernelH() * p.kernelW();
        int m = p.outPerGroup();
        GemmKernel.PackedA[] packed = new GemmKernel.PackedA[p.groups()];
        for (int g = 0; g < p.groups(); g++) {
            packed[g] = GemmKernel.pack(w, g * m * k, k, m, k, tiling());
        }
        return packed;
    }

    /** Packs the weights at every call (computed weights); prefer {@link #run(Conv2dParams, PhasePlanes, float[],
     * GemmKernel.PackedA[], float[], float[], int)} with packed constants. */
    public static void run(Conv2dParams p, float[] in, float[] w, float[] bias, float[] out, int threads) {
        run(p, new PhasePlanes(p), in, packWeights(p, w), bias, out, threads);
    }

    public static void run(Conv2dParams p, PhasePlanes planes, float[] in, GemmKernel.PackedA[] packed, float[] bias,
            float[] out, int threads) {
        run(p, planes, in, packed, bias, null, out, threads);
    }

    /** As above, with {@code activation} (null: none) applied to each output panel as it is finished. */
    public static void run(Conv2dParams p, PhasePlanes planes, float[] in, GemmKernel.PackedA[] packed, float[] bias,
            RowFunction activation, float[] out, int threads) {
        int columns = planes.columns();
        int slack = NR;
        float[] buffer = planes.direct() ? in : BUFFERS.take(planes.bufferSize(slack));
        int k = p.inPerGroup() * p.kernelH() * p.kernelW();
        long work = (long) p.outPerGroup() * columns * k;
        int t = work < GemmKernel.SERIAL_MNK ? 1 : threads;
        for (int n = 0; n < p.batch(); n++) {
            for (int g = 0; g < p.groups(); g++) {
                int base;
                int limit;
                if (planes.direct()) {
                    base = (n * p.inChannels() + g * p.inPerGroup()) * p.height() * p.width();
                    limit = p.inputSize();
                } else {
                    planes.fill(in, n, g * p.inPerGroup(), buffer, slack, t);
                    base = 0;
                    limit = planes.bufferSize(slack);
                }
                int outOff = (n * p.outChannels() + g * p.outPerGroup()) * p.outHeight() * p.outWidth();
                runGroup(p, planes, buffer, base, limit, packed[g], bias, activation, g * p.outPerGroup(), out, outOff,
                        t);
            }
        }
        if (!planes.direct()) {
            BUFFERS.give(buffer);
        }
    }

    /**
     * Bytes of copied B per block of panels (at most 64 panels). A block's rows are read one after the other, each a
     * run of up to 4 KB: copying one 64-byte panel row from each of K rows in turn left the prefetchers K streams to
     * follow, and every line a demand miss when the input was not in cache (a 64-channel 112x112 pointwise layer
     * after a cache flush: 4.3 ms, 2.9 ms with blocks of 8 panels, 2.1 ms with this size; warm: unchanged).
     */
    static final int PANEL_BLOCK_BYTES = 256 * 1024;
    static final int MAX_PANELS_PER_BLOCK = 64;

    /** Panels copied together for a K-row B. */
    static int panelsPerBlock(int k) {
        return Math.max(1, Math.min(MAX_PANELS_PER_BLOCK, PANEL_BLOCK_BYTES / (4 * NR * Math.max(1, k))));
    }

    private static void runGroup(Conv2dParams p, PhasePlanes planes, float[] buffer, int base, int limit,
            GemmKernel.PackedA a, float[] bias, RowFunction activation, int oc0, float[] out, int outOff, int threads) {
        int panels = (planes.columns() + NR - 1) / NR;
        int m = p.outPerGroup();
        int mc = rowBlock(p);
        int k = a.k();
        int perBlock = panelsPerBlock(k);
        Parallel.forRange(threads, panels, 2, (q0, q1) -> {
            // the output tile, then the block's panels of B copied contiguous ([panel][p][NR])
            float[] tile = TILES.take(mc * NR + perBlock * k * NR);
            try {
                for (int qb = q0; qb < q1; qb += perBlock) {
                    int qe = Math.min(q1, qb + perBlock);
                    copyPanels(planes, buffer, base, limit, k, qb, qe, tile, mc * NR);
                    for (int i0 = 0; i0 < m; i0 += mc) {
                        int i1 = Math.min(m, i0 + mc);
                        for (int q = qb; q < qe; q++) {
                            panel(p, planes, a, bias, activation, oc0, i0, i1, q * NR, out, outOff, tile, mc,
                                    mc * NR + (q - qb) * k * NR);
                        }
                    }
                }
            } finally {
                TILES.give(tile);
            }
        });
    }

    /**
     * One panel of NR columns starting at column j0, output channels [i0, i1) of the group, its B rows already
     * copied to {@code tile} at {@code bOff} (row p at {@code bOff + p * NR}): the row groups read them with unit
     * stride, which measured 5-45% faster than loading from the scattered rows for every row group.
     */
    private static void panel(Conv2dParams p, PhasePlanes planes, GemmKernel.PackedA a, float[] bias,
            RowFunction activation, int oc0, int i0, int i1, int j0, float[] out, int outOff, float[] tile, int mc,
            int bOff) {
        int wq = planes.rowLength();
        int ow = p.outWidth();
        int plane = p.outHeight() * ow;
        int oy = j0 / wq;
        int ox = j0 - oy * wq;
        int cols = Math.min(NR, planes.columns() - j0);
        // straight into the output when the panel's NR columns are NR consecutive output pixels
        boolean straight = cols == NR && (wq == ow || ox + NR <= ow);
        int k = a.k();
        int mPad = (a.m() + MR - 1) / MR * MR;
        int outPos = outOff + oy * ow + ox;
        // a clamp (ReLU, ReLU6) is applied to each block right after the last k block stored it (still in L1)
        ClampRows clamp = activation instanceof ClampRows bounds ? bounds : null;
        for (int k0 = 0; k0 < k; k0 += a.kc()) {
            int kc = Math.min(a.kc(), k - k0);
            int aBlock = k0 * mPad;
            boolean acc = k0 > 0;
            boolean clampNow = clamp != null && k0 + kc == k;
            for (int i = i0; i < i1; i += MR) {
                int pa = aBlock + i * kc;
                int rows = Math.min(MR, i1 - i);
                boolean full = straight && (rows == MR || rows == 4);
                float[] c = full ? out : tile;
                int cOff = full ? outPos + i * plane : (i - i0) * NR;
                int ldc = full ? plane : NR;
                if (rows <= 4) {
                    MicroKernel.runFour(a.data(), pa, kc, tile, bOff + k0 * NR, c, cOff, ldc, acc, bias, oc0 + i,
                            rows);
                } else {
                    MicroKernel.run(a.data(), pa, kc, tile, bOff + k0 * NR, c, cOff, ldc, acc, bias, oc0 + i, rows);
                }
                if (clampNow) {
                    clamp.applyPanel(c, cOff, ldc, rows <= 4 ? 4 : MR);
                }
            }
        }
        // rows that did not go straight to the output: all of them, or a last group of 1, 2, 3 or 5 rows
        int lastRows = (i1 - i0) % MR == 0 ? MR : (i1 - i0) % MR;
        int tileFrom = !straight ? i0 : lastRows == MR || lastRows == 4 ? i1 : i1 - lastRows;
        if (activation != null && clamp == null) {
            activation.apply(out, outPos + i0 * plane, tileFrom - i0, plane, NR);
            activation.apply(tile, (tileFrom - i0) * NR, i1 - tileFrom, NR, cols);
        }
        if (tileFrom < i1) {
            scatter(tile, tileFrom - i0, tileFrom, i1, j0, cols, wq, ow, plane, out, outOff);
        }
    }

    /**
     * Copies the K rows of B for panels [qb, qe) into {@code dst} ({@code [panel][p][NR]} from {@code dstOff}), row
     * by row. A panel near the end of an input used in place (where full vector loads would run past it) copies at
     * most its real columns and nothing past {@code limit}; the rest of its rows is zero.
     */
    private static void copyPanels(PhasePlanes planes, float[] b, int base, int limit, int k, int qb, int qe,
            float[] dst, int dstOff) {
        int[] offsets = planes.offsets();
        int lastFull = qe;
        while (lastFull > qb && base + (lastFull - 1) * NR + planes.maxOffset() + NR > limit) {
            lastFull--;
        }
        for (int p = 0; p < k; p++) {
            int src = base + offsets[p];
            for (int q = qb; q < lastFull; q++) {
                int s = src + q * NR;
                int d = dstOff + ((q - qb) * k + p) * NR;
                FloatVector.fromArray(SP, b, s).intoArray(dst, d);
                FloatVector.fromArray(SP, b, s + L).intoArray(dst, d + L);
            }
            for (int q = lastFull; q < qe; q++) {
                int s = src + q * NR;
                int d = dstOff + ((q - qb) * k + p) * NR;
                int cols = Math.min(NR, planes.columns() - q * NR);
                int n = Math.max(0, Math.min(cols, limit - s));
                System.arraycopy(b, s, dst, d, n);
                Arrays.fill(dst, d + n, d + NR, 0f);
            }
        }
    }

    /**
     * Copies tile rows (from row {@code tileRow}) for output channels [i, i1) into the output, keeping only the
     * columns that are real pixels ({@code ox < outWidth}).
     */
    private static void scatter(float[] tile, int tileRow, int i, int i1, int j0, int cols, int wq, int ow,
            int plane, float[] out, int outOff) {
        for (int r = i; r < i1; r++) {
            int t = (tileRow + r - i) * NR;
            int chan = outOff + r * plane;
            int c = 0;
            int oy = j0 / wq;
            int ox = j0 - oy * wq;
            while (c < cols) {
                int seg = Math.min(cols - c, wq - ox);
                int valid = Math.max(0, Math.min(seg, ow - ox));
                if (valid > 0) {
                    System.arraycopy(tile, t + c, out, chan + oy * ow + ox, valid);
                }
                c += seg;
                oy++;
                ox = 0;
            }
        }
    }
}
