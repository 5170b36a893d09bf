package org.walle.engine.simd.internal;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.walle.engine.simd.GemmTiling;
import org.walle.engine.simd.Parallel;

/**
 * Packed, register-blocked SGEMM {@code C (+)= A * B} on row-major matrices with leading dimensions.
 * B is packed per {@code kc} block into column panels of {@code NR = 2 vectors} (zero padded), so the micro-kernel
 * reads B with unit stride; the micro-kernel keeps an {@code MR x NR} block of C in vector registers and broadcasts
 * one element of A per row and step ({@link MicroKernel}). Products of at most four columns go to
 * {@link NarrowProduct}, of fewer than MR rows to the skinny path below.
 */
public final class GemmKernel {

    static final VectorSpecies<Float> SP = MicroKernel.SP;
    static final int L = MicroKernel.L;
    /** Columns of a packed B panel: two vectors. */
    public static final int NR = MicroKernel.NR;
    /** Rows of C per micro-kernel call. */
    public static final int MR = MicroKernel.MR;

    /**
     * Below this many multiply-adds (2 MFLOP, ~50 us on one core) a product runs on the calling thread: a fork and
     * join costs tens of microseconds, far more on a loaded machine (the OCR classifier's 2-thread runs were 3x
     * slower than 1-thread ones with every small conv forking).
     */
    static final long SERIAL_MNK = 1L << 20;

    private static final Scratch PACKED_B = new Scratch();
    private static final Scratch PACKED_A = new Scratch();

    private GemmKernel() {
    }

    public static void multiply(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc, int m, int n, int k, boolean accumulate, GemmTiling tiling, int threads) {
        multiply(a, aOff, lda, null, b, bOff, ldb, c, cOff, ldc, m, n, k, accumulate, tiling, threads);
    }

    /**
     * A (m x k) packed once into the micro-panels of every k block of a tiling: constant weights are packed when
     * the plan is prepared instead of at every run. {@code data} holds, per k block starting at k0, the row groups
     * {@code [group][p][r]} at {@code k0 * roundUp(m, MR)}.
     */
    public record PackedA(float[] data, int m, int k, int kc) {
    }

    public static PackedA pack(float[] a, int aOff, int lda, int m, int k, GemmTiling tiling) {
        int kcMax = Math.max(1, Math.min(tiling.kc(), k));
        int mPad = (m + MR - 1) / MR * MR;
        float[] data = new float[mPad * k];
        for (int k0 = 0; k0 < k; k0 += kcMax) {
            packA(a, aOff, lda, 0, m, k0, Math.min(kcMax, k - k0), data, k0 * mPad);
        }
        return new PackedA(data, m, k, kcMax);
    }

    /**
     * Like {@link #multiply(float[], int, int, float[], int, int, float[], int, int, int, int, int, boolean,
     * GemmTiling, int)} with A also given packed by {@link #pack} for this m, k and the tiling's kc (null: pack at
     * every call). The raw A is still needed for the skinny (m < MR) path.
     */
    public static void multiply(float[] a, int aOff, int lda, PackedA packedA, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, int m, int n, int k, boolean accumulate, GemmTiling tiling, int threads) {
        multiply(a, aOff, lda, packedA, b, bOff, ldb, null, c, cOff, ldc, m, n, k, accumulate, tiling, threads);
    }

    /**
     * B (k x n) packed once into the column panels of every k block of a tiling (a constant MatMul weight):
     * {@code data} holds, per k block starting at k0, the panels {@code [panel][p][NR]} at {@code k0 * roundUp(n, NR)}.
     */
    public record PackedB(float[] data, int k, int n, int kc) {
    }

    public static PackedB packB(float[] b, int bOff, int ldb, int k, int n, GemmTiling tiling) {
        int kcMax = Math.max(1, Math.min(tiling.kc(), k));
        int panels = (n + NR - 1) / NR;
        float[] data = new float[k * panels * NR];
        for (int k0 = 0; k0 < k; k0 += kcMax) {
            int kc = Math.min(kcMax, k - k0);
            packPanels(b, bOff + k0 * ldb, ldb, kc, n, 0, panels, data, k0 * panels * NR);
        }
        return new PackedB(data, k, n, kcMax);
    }

    /** The general form: either operand may come packed (null: packed here); raw A and B are always given. */
    public static void multiply(float[] a, int aOff, int lda, PackedA packedA, float[] b, int bOff, int ldb,
            PackedB packedB, float[] c, int cOff, int ldc, int m, int n, int k, boolean accumulate, GemmTiling tiling,
            int threads) {
        multiply(a, aOff, lda, packedA, b, bOff, ldb, packedB, c, cOff, ldc, m, n, k, accumulate, tiling, threads,
                null, 0, null);
    }

    /**
     * The general form with a fused epilogue (a convolution's): without {@code accumulate}, C row i starts from
     * {@code bias[biasOff + i]} (bias null: zero), and each finished block of C is clamped by {@code clamp} (null:
     * none) while it is still in L1, so neither needs a pass over the whole of C.
     */
    public static void multiply(float[] a, int aOff, int lda, PackedA packedA, float[] b, int bOff, int ldb,
            PackedB packedB, float[] c, int cOff, int ldc, int m, int n, int k, boolean accumulate, GemmTiling tiling,
            int threads, float[] bias, int biasOff, ClampRows clamp) {
        if (packedB != null && (packedB.k() != k || packedB.n() != n
                || packedB.kc() != Math.max(1, Math.min(tiling.kc(), k)))) {
            throw new IllegalArgumentException("B was packed for " + packedB.k() + "x" + packedB.n() + " kc "
                    + packedB.kc() + ", the call is " + k + "x" + n + " kc " + tiling.kc());
        }
        if (packedA != null && (packedA.m() != m || packedA.k() != k
                || packedA.kc() != Math.max(1, Math.min(tiling.kc(), k)))) {
            throw new IllegalArgumentException("A was packed for " + packedA.m() + "x" + packedA.k() + " kc "
                    + packedA.kc() + ", the call is " + m + "x" + k + " kc " + tiling.kc());
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        if ((long) m * n * k < SERIAL_MNK) {
            threads = 1;
        }
        if (m < MR || n <= NarrowProduct.MAX_COLUMNS) {
            // small products: the epilogue as passes over C
            if (bias != null && !accumulate) {
                for (int i = 0; i < m; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, bias[biasOff + i]);
                }
            }
            boolean acc = accumulate || bias != null;
            if (m < MR) {
                skinny(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, m, n, k, acc, threads);
            } else {
                NarrowProduct.multiply(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, m, n, k, acc, threads);
            }
            if (clamp != null) {
                clamp.apply(c, cOff, m, ldc, n);
            }
            return;
        }
        int panels = (n + NR - 1) / NR;
        int kcMax = Math.min(tiling.kc(), k);
        float[] packed = packedB != null ? packedB.data() : PACKED_B.take(panels * kcMax * NR);
        int rowGroups = (m + MR - 1) / MR;
        boolean splitRows = rowGroups >= threads;
        for (int k0 = 0; k0 < k; k0 += kcMax) {
            int kc = Math.min(kcMax, k - k0);
            int kFrom = k0;
            int pbBase = packedB != null ? k0 * panels * NR : 0;
            if (packedB == null) {
                Parallel.forRange(threads, panels, 8,
                        (p0, p1) -> packPanels(b, bOff + kFrom * ldb, ldb, kc, n, p0, p1, packed, 0));
            }
            Epilogue epilogue = new Epilogue(accumulate || k0 > 0, k0 > 0 ? null : bias, biasOff,
                    k0 + kc == k ? clamp : null);
            if (splitRows) {
                Parallel.forRange(threads, rowGroups, (q0, q1) -> rowBlock(a, aOff, lda, packedA, kFrom, kc, packed,
                        pbBase, 0, panels, c, cOff, ldc, q0 * MR, Math.min(m, q1 * MR), n, epilogue, tiling.mc()));
            } else {
                Parallel.forRange(threads, panels, (p0, p1) -> rowBlock(a, aOff, lda, packedA, kFrom, kc, packed,
                        pbBase, p0, p1, c, cOff, ldc, 0, m, n, epilogue, tiling.mc()));
            }
        }
        if (packedB == null) {
            PACKED_B.give(packed);
        }
    }

    /** Columns of C per task of the skinny path: enough streaming work to pay for a fork. */
    private static final int SKINNY_GRAIN = 256;

    /**
     * Fewer than MR rows of A (a matrix-vector product, the classifier head): packing B would read it twice and the
     * 4-row micro-kernel would multiply zero rows, so each C row instead accumulates {@code a[i][p] * B[p][:]} while
     * B streams through once per row, split over threads by column ranges.
     */
    private static void skinny(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc, int m, int n, int k, boolean accumulate, int threads) {
        Parallel.forRange(threads, n, SKINNY_GRAIN, (j0, j1) -> {
            for (int i = 0; i < m; i++) {
                int cRow = cOff + i * ldc;
                if (!accumulate) {
                    Arrays.fill(c, cRow + j0, cRow + j1, 0f);
                }
                int aRow = aOff + i * lda;
                int p = 0;
                for (; p + 4 <= k; p += 4) {
                    rowAxpy4(a, aRow + p, b, bOff + p * ldb, ldb, c, cRow, j0, j1);
                }
                for (; p < k; p++) {
                    rowAxpy(a[aRow + p], b, bOff + p * ldb, c, cRow, j0, j1);
                }
            }
        });
    }

    /**
     * Four rows of B at once, {@code c[cRow + j] += sum_r a[ai + r] * b[bRow + r * ldb + j]}: one load and store of
     * C per four rows instead of per row (the 1024 -> 1000 classifier head: 0.23 -> 0.20 ms with B not in cache).
     */
    private static void rowAxpy4(float[] a, int ai, float[] b, int bRow, int ldb, float[] c, int cRow, int j0,
            int j1) {
        FloatVector v0 = FloatVector.broadcast(SP, a[ai]);
        FloatVector v1 = FloatVector.broadcast(SP, a[ai + 1]);
        FloatVector v2 = FloatVector.broadcast(SP, a[ai + 2]);
        FloatVector v3 = FloatVector.broadcast(SP, a[ai + 3]);
        int b1 = bRow + ldb;
        int b2 = b1 + ldb;
        int b3 = b2 + ldb;
        int j = j0;
        int bound = j0 + SP.loopBound(j1 - j0);
        for (; j < bound; j += L) {
            FloatVector acc = FloatVector.fromArray(SP, c, cRow + j);
            acc = FloatVector.fromArray(SP, b, bRow + j).fma(v0, acc);
            acc = FloatVector.fromArray(SP, b, b1 + j).fma(v1, acc);
            acc = FloatVector.fromArray(SP, b, b2 + j).fma(v2, acc);
            acc = FloatVector.fromArray(SP, b, b3 + j).fma(v3, acc);
            acc.intoArray(c, cRow + j);
        }
        for (; j < j1; j++) {
            c[cRow + j] += a[ai] * b[bRow + j] + a[ai + 1] * b[b1 + j] + a[ai + 2] * b[b2 + j]
                    + a[ai + 3] * b[b3 + j];
        }
    }

    /** {@code c[cRow + j] += alpha * b[bRow + j]} for j in [j0, j1). */
    private static void rowAxpy(float alpha, float[] b, int bRow, float[] c, int cRow, int j0, int j1) {
        FloatVector va = FloatVector.broadcast(SP, alpha);
        int j = j0;
        int bound = j0 + SP.loopBound(j1 - j0);
        for (; j < bound; j += L) {
            FloatVector.fromArray(SP, b, bRow + j).fma(va, FloatVector.fromArray(SP, c, cRow + j))
                    .intoArray(c, cRow + j);
        }
        for (; j < j1; j++) {
            c[cRow + j] += alpha * b[bRow + j];
        }
    }

    /**
     * Packs rows {@code [0, kc)} of B's column panels {@code [panel0, panel1)}: per panel kc rows of NR floats, zero
     * padded on the right. Row by row, so each row of B is read as one run (panel by panel, every row of a panel
     * was a separate 64-byte stream for the prefetchers; see {@link ImplicitGemmConv#PANEL_BLOCK_BYTES}).
     */
    private static void packPanels(float[] b, int bOff, int ldb, int kc, int n, int panel0, int panel1,
            float[] packed, int packedOff) {
        int fullEnd = Math.min(panel1, n / NR);
        for (int p = 0; p < kc; p++) {
            int src = bOff + p * ldb;
            for (int panel = panel0; panel < fullEnd; panel++) {
                int from = src + panel * NR;
                int dst = packedOff + (panel * kc + p) * NR;
                FloatVector.fromArray(SP, b, from).intoArray(packed, dst);
                FloatVector.fromArray(SP, b, from + L).intoArray(packed, dst + L);
            }
            for (int panel = Math.max(panel0, fullEnd); panel < panel1; panel++) {
                int cols = n - panel * NR;
                int dst = packedOff + (panel * kc + p) * NR;
                System.arraycopy(b, src + panel * NR, packed, dst, cols);
                Arrays.fill(packed, dst + cols, dst + NR, 0f);
            }
        }
    }

    /**
     * What one k block does around its products: {@code acc} adds to C, else row i of C starts from
     * {@code bias[biasOff + i]} (bias null: zero); {@code clamp} (null: none) is applied to each finished block (the
     * last k block's).
     */
    private record Epilogue(boolean acc, float[] bias, int biasOff, ClampRows clamp) {
    }

    private static void rowBlock(float[] a, int aOff, int lda, PackedA packedA, int k0, int kc, float[] packed,
            int pbBase, int panel0, int panel1, float[] c, int cOff, int ldc, int row0, int row1, int n,
            Epilogue epilogue, int mc) {
        boolean acc = epilogue.acc();
        float[] bias = epilogue.bias();
        int biasOff = epilogue.biasOff();
        ClampRows clamp = epilogue.clamp();
        int blockRows = Math.min((mc + MR - 1) / MR * MR, row1 - row0);
        int aSize = packedA != null ? 0 : (blockRows + MR - 1) / MR * MR * kc;
        // one scratch holds the packed A block (unless A came packed) and, after it, the MR x NR ragged-edge tile
        float[] scratch = PACKED_A.take(aSize + MR * NR);
        float[] aPack = packedA != null ? packedA.data() : scratch;
        int tailOff = aSize;
        int kBase = packedA != null ? k0 * ((packedA.m() + MR - 1) / MR * MR) : 0;
        // prepacked groups are addressed from the row: row blocks must start at multiples of MR (row0 always does)
        // and a block of any other size would end in a partly filled micro-panel
        int step = (mc + MR - 1) / MR * MR;
        for (int i0 = row0; i0 < row1; i0 += step) {
            int i1 = Math.min(row1, i0 + step);
            int aStart = packedA != null ? kBase + i0 * kc : 0;
            if (packedA == null) {
                packA(a, aOff, lda, i0, i1, k0, kc, aPack, 0);
            }
            for (int panel = panel0; panel < panel1; panel++) {
                int col0 = panel * NR;
                int cols = Math.min(NR, n - col0);
                int pb = pbBase + panel * kc * NR;
                for (int i = i0; i < i1; i += MR) {
                    int rows = Math.min(MR, i1 - i);
                    int pa = aStart + (i - i0) * kc;
                    int cRow = cOff + i * ldc + col0;
                    // straight into C (the 4-row kernel stores only the real rows of a last group of 1-4)
                    if (cols == NR && rows != 5) {
                        if (rows == MR) {
                            MicroKernel.run(aPack, pa, kc, packed, pb, c, cRow, ldc, acc, bias, biasOff + i, rows);
                        } else {
                            MicroKernel.runFour(aPack, pa, kc, packed, pb, c, cRow, ldc, acc, bias, biasOff + i,
                                    rows);
                        }
                        if (clamp != null) {
                            clamp.applyPanel(c, cRow, ldc, rows);
                        }
                    } else {
                        edgeTile(aPack, pa, kc, packed, pb, c, cRow, ldc, rows, cols, i, epilogue, scratch, tailOff);
                    }
                }
            }
        }
        PACKED_A.give(scratch);
    }

    /**
     * A ragged block of C (fewer than NR columns, or a row count without a kernel of its own) through the MR x NR
     * scratch tile at {@code tailOff}; {@code i} is its first row.
     */
    private static void edgeTile(float[] aPack, int pa, int kc, float[] packed, int pb, float[] c, int cRow, int ldc,
            int rows, int cols, int i, Epilogue epilogue, float[] scratch, int tailOff) {
        copyTile(c, cRow, ldc, rows, cols, scratch, tailOff, epilogue.acc(), true);
        float[] bias = epilogue.bias();
        if (!epilogue.acc() && bias != null) {
            for (int r = 0; r < rows; r++) {
                Arrays.fill(scratch, tailOff + r * NR, tailOff + r * NR + cols, bias[epilogue.biasOff() + i + r]);
            }
        }
        if (cols <= L) {
            MicroKernel.runHalf(aPack, pa, kc, packed, pb, scratch, tailOff, NR);
        } else if (rows <= 4) {
            MicroKernel.runFour(aPack, pa, kc, packed, pb, scratch, tailOff, NR, true, null, 0, 4);
        } else {
            MicroKernel.run(aPack, pa, kc, packed, pb, scratch, tailOff, NR, true, null, 0, 0);
        }
        if (epilogue.clamp() != null) {
            epilogue.clamp().apply(scratch, tailOff, rows, NR, cols);
        }
        copyTile(c, cRow, ldc, rows, cols, scratch, tailOff, true, false);
    }

    /**
     * Packs rows {@code [i0, i1)} x columns {@code [k0, k0 + kc)} of A into MR-row micro-panels
     * ({@code [group][p][r]}, missing rows zero). Besides unit-stride reads in the micro-kernel this avoids the
     * cache-set conflicts of reading 4 rows whose stride is a power of two (lda = 512, 1024 ...).
     */
    private static void packA(float[] a, int aOff, int lda, int i0, int i1, int k0, int kc, float[] aPack,
            int aPackOff) {
        for (int q = i0; q < i1; q += MR) {
            int base = aPackOff + (q - i0) * kc;
            for (int r = 0; r < MR; r++) {
                int row = q + r;
                if (row < i1) {
                    int src = aOff + row * lda + k0;
                    for (int p = 0; p < kc; p++) {
                        aPack[base + p * MR + r] = a[src + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        aPack[base + p * MR + r] = 0f;
                    }
                }
            }
        }
    }

    /** Moves a partial tile of C into the NR-wide scratch ({@code in}) or back ({@code !in}). */
    private static void copyTile(float[] c, int cRow, int ldc, int rows, int cols, float[] tail, int tailOff,
            boolean acc, boolean in) {
        if (in) {
            // rows the ragged tile lacks must be zero too: the micro-kernel computes all MR rows
            Arrays.fill(tail, tailOff, tailOff + MR * NR, 0f);
        }
        for (int r = 0; r < rows; r++) {
            int t = tailOff + r * NR;
            if (in) {
                if (acc) {
                    System.arraycopy(c, cRow + r * ldc, tail, t, cols);
                }
            } else {
                System.arraycopy(tail, t, c, cRow + r * ldc, cols);
            }
        }
    }
}
