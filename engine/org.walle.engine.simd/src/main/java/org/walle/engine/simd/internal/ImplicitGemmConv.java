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
 * <p>Per panel of {@code NR} columns and per block of {@code mc} output channels, each {@code kc}-row block of the
 * panel's B is copied into an L1-resident {@code kc x NR} block that the {@code MR x NR} micro-kernel then streams
 * for every row group. Accumulators start from the bias, so there is no bias pass. A panel whose columns are all real output pixels of one output row
 * (or every panel, when rows have no discarded columns) is stored straight into the output; the others go through a
 * small per-thread tile from which only the real pixels are copied.
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

    private static void runGroup(Conv2dParams p, PhasePlanes planes, float[] buffer, int base, int limit,
            GemmKernel.PackedA a, float[] bias, RowFunction activation, int oc0, float[] out, int outOff, int threads) {
        int panels = (planes.columns() + NR - 1) / NR;
        int m = p.outPerGroup();
        int mc = rowBlock(p);
        Parallel.forRange(threads, panels, 2, (q0, q1) -> {
            // the output tile, then one kc x NR block of B copied contiguous
            float[] tile = TILES.take(mc * NR + KC * NR);
            try {
                for (int i0 = 0; i0 < m; i0 += mc) {
                    int i1 = Math.min(m, i0 + mc);
                    for (int q = q0; q < q1; q++) {
                        panel(p, planes, buffer, base, limit, a, bias, activation, oc0, i0, i1, q * NR, out, outOff,
                                tile, mc);
                    }
                }
            } finally {
                TILES.give(tile);
            }
        });
    }

    /**
     * One panel of NR columns starting at column j0, output channels [i0, i1) of the group. Each kc block of the
     * panel's B rows is first copied into an aligned NR-wide block (the tail of {@code tile}): the row groups then
     * read it with unit stride, which measured 5-45% faster than loading from the scattered rows for every row group.
     */
    private static void panel(Conv2dParams p, PhasePlanes planes, float[] buffer, int base, int limit,
            GemmKernel.PackedA a, float[] bias, RowFunction activation, int oc0, int i0, int i1, int j0, float[] out,
            int outOff, float[] tile, int mc) {
        int wq = planes.rowLength();
        int ow = p.outWidth();
        int plane = p.outHeight() * ow;
        int oy = j0 / wq;
        int ox = j0 - oy * wq;
        int cols = Math.min(NR, planes.columns() - j0);
        // straight into the output when the panel's NR columns are NR consecutive output pixels
        boolean straight = cols == NR && (wq == ow || ox + NR <= ow);
        int[] offsets = planes.offsets();
        int bBase = base + j0;
        // the last panels of an input used in place: full vector loads would run past its end
        boolean bounded = bBase + planes.maxOffset() + NR > limit;
        int k = a.k();
        int mPad = (a.m() + MR - 1) / MR * MR;
        int outPos = outOff + oy * ow + ox;
        int blockOff = mc * NR;
        for (int k0 = 0; k0 < k; k0 += a.kc()) {
            int kc = Math.min(a.kc(), k - k0);
            int aBlock = k0 * mPad;
            boolean acc = k0 > 0;
            if (bounded) {
                copyBlockBounded(buffer, bBase, limit, cols, offsets, k0, kc, tile, blockOff);
            } else {
                copyBlock(buffer, bBase, offsets, k0, kc, tile, blockOff);
            }
            for (int i = i0; i < i1; i += MR) {
                int pa = aBlock + i * kc;
                boolean full = straight && i + MR <= i1;
                float[] c = full ? out : tile;
                int cOff = full ? outPos + i * plane : (i - i0) * NR;
                int ldc = full ? plane : NR;
                MicroKernel.run(a.data(), pa, kc, tile, blockOff, c, cOff, ldc, acc, bias, oc0 + i, i1 - i);
            }
        }
        // rows that did not go straight to the output: all of them, or the ragged last group
        int tileFrom = straight ? i0 + (i1 - i0) / MR * MR : i0;
        if (activation != null) {
            activation.apply(out, outPos + i0 * plane, tileFrom - i0, plane, NR);
            activation.apply(tile, (tileFrom - i0) * NR, i1 - tileFrom, NR, cols);
        }
        if (tileFrom < i1) {
            scatter(tile, tileFrom - i0, tileFrom, i1, j0, cols, wq, ow, plane, out, outOff);
        }
    }

    /** Rows [k0, k0 + kc) of the panel's B (NR columns each, read at their offsets) into {@code dst} contiguous. */
    private static void copyBlock(float[] b, int bBase, int[] offsets, int k0, int kc, float[] dst, int dstOff) {
        for (int p = 0; p < kc; p++) {
            int src = bBase + offsets[k0 + p];
            int d = dstOff + p * NR;
            FloatVector.fromArray(SP, b, src).intoArray(dst, d);
            FloatVector.fromArray(SP, b, src + L).intoArray(dst, d + L);
        }
    }

    /** As {@link #copyBlock} for a panel near the end of the array: at most {@code cols} columns and nothing past
     * {@code limit} are read; the rest of each row is zero. */
    private static void copyBlockBounded(float[] b, int bBase, int limit, int cols, int[] offsets, int k0, int kc,
            float[] dst, int dstOff) {
        for (int p = 0; p < kc; p++) {
            int src = bBase + offsets[k0 + p];
            int d = dstOff + p * NR;
            int n = Math.max(0, Math.min(cols, limit - src));
            System.arraycopy(b, src, dst, d, n);
            Arrays.fill(dst, d + n, d + NR, 0f);
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
