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
 * one run ({@link #PANEL_BLOCK_BYTES}). Then each group of MR output channels (its packed weights, MR x K, stay in
 * L1) runs the {@code MR x NR} micro-kernel over all K for every panel of the block in turn, so each of its MR
 * output rows is written as one run across the block. Panel by panel over all row groups (the order before) the
 * stores went to a new row of the output at every call, 64 rows 50 KB apart for a 64-channel 112x112 layer, which
 * no prefetcher follows when the output is not in cache: after a cache flush that layer took 1.57 ms, row group by
 * row group 1.04 (warm: 1.00 and 0.94; the 112x112 stem 1.04 -> 0.90 cold, the OCR detector's 96 -> 24 80x80 3x3
 * layer 5.1 -> 4.8). Accumulators start from the bias, so there is no bias pass, and a clamp (ReLU, ReLU6) is
 * applied to each block as soon as it is stored. A panel whose columns are all real output pixels of one output
 * row (or every panel, when rows have no discarded columns) is stored straight into the output; the others go
 * through a small per-thread tile from which only the real pixels are copied.
 */
public final class ImplicitGemmConv {

    static final VectorSpecies<Float> SP = GemmKernel.SP;
    static final int L = GemmKernel.L;
    static final int NR = GemmKernel.NR;
    /** Rows of C per micro-kernel call. */
    public static final int MR = GemmKernel.MR;
    private static final Scratch BUFFERS = new Scratch();
    private static final Scratch TILES = new Scratch();
    private static final Scratch SHARED_PANELS = new Scratch();

    private ImplicitGemmConv() {
    }

    /** Constant weights packed once per group, in one k block (a row group's micro-panel covers all of K). */
    public static GemmKernel.PackedA[] packWeights(Conv2dParams p, float[] w) {
        int k = p.inPerGroup() * p.kernelH() * p.kernelW();
        int m = p.outPerGroup();
        GemmKernel.PackedA[] packed = new GemmKernel.PackedA[p.groups()];
        for (int g = 0; g < p.groups(); g++) {
            packed[g] = GemmKernel.pack(w, g * m * k, k, m, k, new GemmTiling(MR, k));
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
        if (a.kc() < a.k()) {
            throw new IllegalArgumentException("the weights must be packed in one k block (packWeights), not kc "
                    + a.kc() + " of " + a.k());
        }
        int panels = (planes.columns() + NR - 1) / NR;
        int k = a.k();
        int m = a.m();
        int groups = (m + MR - 1) / MR;
        if (threads > 1 && panels < FEW_PANELS_PER_THREAD * threads && groups >= 2 * threads) {
            // few panels (14x14 and 7x7 images: 13 and 4): B is copied once, by all threads, then each thread takes
            // ranges of output channels over all panels and reads only its share of the weights (split by panels,
            // each chunk read all of them: a 512 -> 1024 7x7 layer took 0.75 ms on two threads against 0.60 for
            // im2col, which splits the rows; with a copy of B per range of channels a 512-channel 14x14 layer took
            // 1.02 ms, 0.95 with the shared copy)
            float[] copy = SHARED_PANELS.take(panels * k * NR);
            try {
                // split by rows of B: each thread reads one contiguous part of the input (split by panels, each
                // chunk read a 64-byte piece of every input row: with the input not in cache the layer took 8-10%
                // longer)
                Parallel.forRange(threads, k, MIN_COPY_ROWS, (p0, p1) -> copyPanels(planes, buffer, base, limit, k,
                        p0, p1, 0, panels, copy, 0));
                Parallel.forRange(threads, groups, (g0, g1) -> {
                    float[] tile = TILES.take(MR * NR);
                    // a few panels at a time over the thread's row groups: their B (128 KB) and the groups' weights
                    // stay in L2 together (all 13 panels of a 512-channel 14x14 layer are 416 KB of a 512 KB L2;
                    // the MobileNet-style net at 2 threads 1.8-2.7% faster by median in three in-process A/B runs)
                    int step = Math.max(1, SHARED_BLOCK_BYTES / (4 * NR * k));
                    for (int qb = 0; qb < panels; qb += step) {
                        int qe = Math.min(panels, qb + step);
                        rowGroups(p, planes, a, bias, activation, oc0, g0 * MR, Math.min(m, g1 * MR), qb, qe, out,
                                outOff, copy, qb * k * NR, tile);
                    }
                    TILES.give(tile);
                });
            } finally {
                SHARED_PANELS.give(copy);
            }
        } else {
            Parallel.forRange(threads, panels, 2, (q0, q1) -> panelBlocks(p, planes, buffer, base, limit, a, bias,
                    activation, oc0, out, outOff, q0, q1));
        }
    }

    /** Below this many panels per thread, threads split the output channels instead of the panels. */
    static final int FEW_PANELS_PER_THREAD = 16;
    /** Bytes of copied B each thread runs its row groups over at a time in the shared-copy split. */
    static final int SHARED_BLOCK_BYTES = 128 * 1024;

    /** Every output channel of the group over panels [q0, q1), a block of panels at a time. */
    private static void panelBlocks(Conv2dParams p, PhasePlanes planes, float[] buffer, int base, int limit,
            GemmKernel.PackedA a, float[] bias, RowFunction activation, int oc0, float[] out, int outOff, int q0,
            int q1) {
        int k = a.k();
        int perBlock = panelsPerBlock(k);
        // the output tile, then the block's panels of B copied contiguous ([panel][p][NR])
        float[] tile = TILES.take(MR * NR + perBlock * k * NR);
        try {
            for (int qb = q0; qb < q1; qb += perBlock) {
                int qe = Math.min(q1, qb + perBlock);
                copyPanels(planes, buffer, base, limit, k, 0, k, qb, qe, tile, MR * NR);
                rowGroups(p, planes, a, bias, activation, oc0, 0, a.m(), qb, qe, out, outOff, tile, MR * NR, tile);
            }
        } finally {
            TILES.give(tile);
        }
    }

    /**
     * The row groups of output channels [i0, i1) (i0 a multiple of MR) over panels [qb, qe), whose B rows are copied
     * to {@code b} from {@code bOff} (panel q's row p at {@code bOff + ((q - qb) * K + p) * NR}); {@code tile} holds
     * the MR x NR output tile at 0.
     */
    private static void rowGroups(Conv2dParams p, PhasePlanes planes, GemmKernel.PackedA a, float[] bias,
            RowFunction activation, int oc0, int i0, int i1, int qb, int qe, float[] out, int outOff, float[] b,
            int bOff, float[] tile) {
        int k = a.k();
        int wq = planes.rowLength();
        int ow = p.outWidth();
        int plane = p.outHeight() * ow;
        ClampRows clamp = activation instanceof ClampRows bounds ? bounds : null;
        for (int i = i0; i < i1; i += MR) {
            int rows = Math.min(MR, i1 - i);
            int kernelRows = rows <= 4 ? 4 : MR;
            for (int q = qb; q < qe; q++) {
                int j0 = q * NR;
                int oy = j0 / wq;
                int ox = j0 - oy * wq;
                int cols = Math.min(NR, planes.columns() - j0);
                // straight into the output when the panel's NR columns are NR consecutive output pixels (the 4-row
                // kernel stores only the real rows of a last group of 1-4)
                boolean straight = cols == NR && (wq == ow || ox + NR <= ow) && rows != 5;
                float[] c = straight ? out : tile;
                int cOff = straight ? outOff + oy * ow + ox + i * plane : 0;
                int ldc = straight ? plane : NR;
                int panel = bOff + (q - qb) * k * NR;
                if (kernelRows == 4) {
                    MicroKernel.runFour(a.data(), i * k, k, b, panel, c, cOff, ldc, false, bias, oc0 + i, rows);
                } else {
                    MicroKernel.run(a.data(), i * k, k, b, panel, c, cOff, ldc, false, bias, oc0 + i, rows);
                }
                if (clamp != null) {
                    clamp.applyPanel(c, cOff, ldc, straight ? rows : kernelRows);
                } else if (activation != null) {
                    activation.apply(c, cOff, rows, ldc, straight ? NR : cols);
                }
                if (!straight) {
                    scatter(tile, i, i + rows, j0, cols, wq, ow, plane, out, outOff);
                }
            }
        }
    }

    /** Rows of B per task of the shared copy. */
    private static final int MIN_COPY_ROWS = 16;

    /**
     * Copies rows [p0, p1) of the K rows of B for panels [qb, qe) into {@code dst} ({@code [panel][p][NR]} from
     * {@code dstOff}), row by row. A panel near the end of an input used in place (where full vector loads would run
     * past it) copies at most its real columns and nothing past {@code limit}; the rest of its rows is zero.
     */
    private static void copyPanels(PhasePlanes planes, float[] b, int base, int limit, int k, int p0, int p1, int qb,
            int qe, float[] dst, int dstOff) {
        int[] offsets = planes.offsets();
        int lastFull = qe;
        while (lastFull > qb && base + (lastFull - 1) * NR + planes.maxOffset() + NR > limit) {
            lastFull--;
        }
        int panelStride = k * NR;
        for (int p = p0; p < p1; p++) {
            int src = base + offsets[p];
            // offsets stepped, not recomputed per panel (see MicroKernel)
            for (int s = src + qb * NR, end = src + lastFull * NR, d = dstOff + p * NR; s < end; s += NR,
                    d += panelStride) {
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
     * Copies the tile's rows (row r - i for output channel r in [i, i1)) into the output, keeping only the columns
     * that are real pixels ({@code ox < outWidth}).
     */
    private static void scatter(float[] tile, int i, int i1, int j0, int cols, int wq, int ow, int plane,
            float[] out, int outOff) {
        for (int r = i; r < i1; r++) {
            int t = (r - i) * NR;
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
