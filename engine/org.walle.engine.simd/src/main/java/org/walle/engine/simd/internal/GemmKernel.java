package org.walle.engine.simd.internal;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.walle.engine.simd.GemmTiling;
import org.walle.engine.simd.Parallel;

/**
 * Packed, register-blocked SGEMM {@code C (+)= A * B} on row-major matrices with leading dimensions.
 * B is packed per {@code kc} block into column panels of {@code NR = 2 vectors} (zero padded), so the micro-kernel
 * reads B with unit stride; the micro-kernel keeps a {@code 4 x NR} block of C in 8 vector registers and broadcasts
 * one element of A per row and step (the 4x2 layout measured fastest in LIBS.md section 2).
 */
public final class GemmKernel {

    static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    static final int L = SP.length();
    /** Columns of a packed B panel: two vectors. */
    public static final int NR = 2 * L;
    /** Rows of C per micro-kernel call. */
    public static final int MR = 4;

    private GemmKernel() {
    }

    public static void multiply(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc, int m, int n, int k, boolean accumulate, GemmTiling tiling, int threads) {
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
        int panels = (n + NR - 1) / NR;
        int kcMax = Math.min(tiling.kc(), k);
        float[] packed = new float[panels * kcMax * NR];
        int rowQuads = (m + MR - 1) / MR;
        boolean splitRows = rowQuads >= threads;
        for (int k0 = 0; k0 < k; k0 += kcMax) {
            int kc = Math.min(kcMax, k - k0);
            int kFrom = k0;
            Parallel.forRange(threads, panels, 8, (p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    packPanel(b, bOff + kFrom * ldb, ldb, kc, n, p, packed);
                }
            });
            boolean acc = accumulate || k0 > 0;
            if (splitRows) {
                Parallel.forRange(threads, rowQuads, (q0, q1) -> rowBlock(a, aOff, lda, kFrom, kc, packed, 0, panels,
                        c, cOff, ldc, q0 * MR, Math.min(m, q1 * MR), n, acc, tiling.mc()));
            } else {
                Parallel.forRange(threads, panels, (p0, p1) -> rowBlock(a, aOff, lda, kFrom, kc, packed, p0, p1,
                        c, cOff, ldc, 0, m, n, acc, tiling.mc()));
            }
        }
    }

    /** Packs rows {@code [0, kc)} of B's column panel {@code panel}: kc rows of NR floats, zero padded on the right. */
    private static void packPanel(float[] b, int bOff, int ldb, int kc, int n, int panel, float[] packed) {
        int col0 = panel * NR;
        int cols = Math.min(NR, n - col0);
        int base = panel * kc * NR;
        for (int p = 0; p < kc; p++) {
            int src = bOff + p * ldb + col0;
            int dst = base + p * NR;
            System.arraycopy(b, src, packed, dst, cols);
            if (cols < NR) {
                Arrays.fill(packed, dst + cols, dst + NR, 0f);
            }
        }
    }

    private static void rowBlock(float[] a, int aOff, int lda, int k0, int kc, float[] packed, int panel0, int panel1,
            float[] c, int cOff, int ldc, int row0, int row1, int n, boolean acc, int mc) {
        float[] tail = new float[MR * NR];
        int blockRows = Math.min(mc, row1 - row0);
        float[] aPack = new float[(blockRows + MR - 1) / MR * MR * kc];
        for (int i0 = row0; i0 < row1; i0 += mc) {
            int i1 = Math.min(row1, i0 + mc);
            packA(a, aOff, lda, i0, i1, k0, kc, aPack);
            for (int panel = panel0; panel < panel1; panel++) {
                int col0 = panel * NR;
                int cols = Math.min(NR, n - col0);
                int pb = panel * kc * NR;
                for (int i = i0; i < i1; i += MR) {
                    int rows = Math.min(MR, i1 - i);
                    int pa = (i - i0) * kc;
                    int cRow = cOff + i * ldc + col0;
                    if (rows == MR && cols == NR) {
                        kernel4(aPack, pa, kc, packed, pb, c, cRow, ldc, acc);
                    } else {
                        copyTile(c, cRow, ldc, rows, cols, tail, acc, true);
                        kernel4(aPack, pa, kc, packed, pb, tail, 0, NR, true);
                        copyTile(c, cRow, ldc, rows, cols, tail, true, false);
                    }
                }
            }
        }
    }

    /**
     * Packs rows {@code [i0, i1)} x columns {@code [k0, k0 + kc)} of A into MR-row micro-panels
     * ({@code [quad][p][r]}, missing rows zero). Besides unit-stride reads in the micro-kernel this avoids the
     * cache-set conflicts of reading 4 rows whose stride is a power of two (lda = 512, 1024 ...).
     */
    private static void packA(float[] a, int aOff, int lda, int i0, int i1, int k0, int kc, float[] aPack) {
        for (int q = i0; q < i1; q += MR) {
            int base = (q - i0) * kc;
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
    private static void copyTile(float[] c, int cRow, int ldc, int rows, int cols, float[] tail, boolean acc,
            boolean in) {
        for (int r = 0; r < rows; r++) {
            if (in) {
                if (acc) {
                    System.arraycopy(c, cRow + r * ldc, tail, r * NR, cols);
                } else {
                    Arrays.fill(tail, r * NR, r * NR + cols, 0f);
                }
                Arrays.fill(tail, r * NR + cols, (r + 1) * NR, 0f);
            } else {
                System.arraycopy(tail, r * NR, c, cRow + r * ldc, cols);
            }
        }
    }

    private static void kernel4(float[] a, int pa, int kc, float[] pb, int pbOff, float[] c, int cRow, int ldc,
            boolean acc) {
        FloatVector c00;
        FloatVector c01;
        FloatVector c10;
        FloatVector c11;
        FloatVector c20;
        FloatVector c21;
        FloatVector c30;
        FloatVector c31;
        if (acc) {
            c00 = FloatVector.fromArray(SP, c, cRow);
            c01 = FloatVector.fromArray(SP, c, cRow + L);
            c10 = FloatVector.fromArray(SP, c, cRow + ldc);
            c11 = FloatVector.fromArray(SP, c, cRow + ldc + L);
            c20 = FloatVector.fromArray(SP, c, cRow + 2 * ldc);
            c21 = FloatVector.fromArray(SP, c, cRow + 2 * ldc + L);
            c30 = FloatVector.fromArray(SP, c, cRow + 3 * ldc);
            c31 = FloatVector.fromArray(SP, c, cRow + 3 * ldc + L);
        } else {
            c00 = FloatVector.zero(SP);
            c01 = c00;
            c10 = c00;
            c11 = c00;
            c20 = c00;
            c21 = c00;
            c30 = c00;
            c31 = c00;
        }
        for (int p = 0; p < kc; p++) {
            int off = pbOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(SP, pb, off);
            FloatVector b1 = FloatVector.fromArray(SP, pb, off + L);
            int ap = pa + p * MR;
            FloatVector v = FloatVector.broadcast(SP, a[ap]);
            c00 = b0.fma(v, c00);
            c01 = b1.fma(v, c01);
            v = FloatVector.broadcast(SP, a[ap + 1]);
            c10 = b0.fma(v, c10);
            c11 = b1.fma(v, c11);
            v = FloatVector.broadcast(SP, a[ap + 2]);
            c20 = b0.fma(v, c20);
            c21 = b1.fma(v, c21);
            v = FloatVector.broadcast(SP, a[ap + 3]);
            c30 = b0.fma(v, c30);
            c31 = b1.fma(v, c31);
        }
        c00.intoArray(c, cRow);
        c01.intoArray(c, cRow + L);
        c10.intoArray(c, cRow + ldc);
        c11.intoArray(c, cRow + ldc + L);
        c20.intoArray(c, cRow + 2 * ldc);
        c21.intoArray(c, cRow + 2 * ldc + L);
        c30.intoArray(c, cRow + 3 * ldc);
        c31.intoArray(c, cRow + 3 * ldc + L);
    }
}
