package org.walle.engine.simd.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register block every packed GEMM here ends in: {@code C (MR x NR) = (acc ? C : bias) + A x B} over {@code kc}
 * steps, A packed as {@code MR}-row micro-panels ({@code a[pa + p * MR + r]}) and B as {@code NR}-wide rows
 * ({@code b[bOff + p * NR + j]}).
 *
 * <p>{@code MR = 6, NR = 2 vectors}: twelve accumulators, two B vectors and one broadcast fill 15 of the 16 AVX2
 * registers. Twelve independent FMA chains cover the FMA latency of two FMA pipes (4 cycles x 2 pipes = 8 in
 * flight); the 4 x 16 block's eight chains did not, and measured 66-80 GFLOP/s against 81-86 for this one
 * (kc 64-256, one Zen 3 core; a 4 x 24 block spilled and ran at 40-44).
 *
 * <p>The loops step the offsets of A and B themselves ({@code off += NR, ap += MR}) instead of computing them from
 * the step number: C2 recomputed {@code bOff + p * NR} and {@code pa + p * MR} with nine scalar instructions per
 * step, as many as the twelve FMAs and eight loads together need to issue, so the loop was bound by the front end.
 * Stepping them gave 96-100 GFLOP/s against 83-85 with B in L1, and 64-70 against 44-50 while the host's other
 * load slowed this core (a core whose front end is shared loses the most on such a loop).
 */
public final class MicroKernel {

    static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    static final int L = SP.length();
    /** Columns of a packed B row: two vectors. */
    public static final int NR = 2 * L;
    /** Rows of A per micro-panel and of C per call. */
    public static final int MR = 6;

    private MicroKernel() {
    }

    /**
     * @param bias per-row start values when {@code !acc} ({@code bias[biasOff + r]} for r below {@code biasRows},
     *     zero for the others, or all zero when {@code bias} is null)
     */
    static void run(float[] a, int pa, int kc, float[] b, int bOff, float[] c, int cOff, int ldc, boolean acc,
            float[] bias, int biasOff, int biasRows) {
        FloatVector c00;
        FloatVector c01;
        FloatVector c10;
        FloatVector c11;
        FloatVector c20;
        FloatVector c21;
        FloatVector c30;
        FloatVector c31;
        FloatVector c40;
        FloatVector c41;
        FloatVector c50;
        FloatVector c51;
        if (acc) {
            c00 = FloatVector.fromArray(SP, c, cOff);
            c01 = FloatVector.fromArray(SP, c, cOff + L);
            c10 = FloatVector.fromArray(SP, c, cOff + ldc);
            c11 = FloatVector.fromArray(SP, c, cOff + ldc + L);
            c20 = FloatVector.fromArray(SP, c, cOff + 2 * ldc);
            c21 = FloatVector.fromArray(SP, c, cOff + 2 * ldc + L);
            c30 = FloatVector.fromArray(SP, c, cOff + 3 * ldc);
            c31 = FloatVector.fromArray(SP, c, cOff + 3 * ldc + L);
            c40 = FloatVector.fromArray(SP, c, cOff + 4 * ldc);
            c41 = FloatVector.fromArray(SP, c, cOff + 4 * ldc + L);
            c50 = FloatVector.fromArray(SP, c, cOff + 5 * ldc);
            c51 = FloatVector.fromArray(SP, c, cOff + 5 * ldc + L);
        } else {
            c00 = start(bias, biasOff, 0, biasRows);
            c01 = c00;
            c10 = start(bias, biasOff, 1, biasRows);
            c11 = c10;
            c20 = start(bias, biasOff, 2, biasRows);
            c21 = c20;
            c30 = start(bias, biasOff, 3, biasRows);
            c31 = c30;
            c40 = start(bias, biasOff, 4, biasRows);
            c41 = c40;
            c50 = start(bias, biasOff, 5, biasRows);
            c51 = c50;
        }
        int ap = pa;
        for (int off = bOff, end = bOff + kc * NR; off < end; off += NR, ap += MR) {
            FloatVector b0 = FloatVector.fromArray(SP, b, off);
            FloatVector b1 = FloatVector.fromArray(SP, b, off + L);
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
            v = FloatVector.broadcast(SP, a[ap + 4]);
            c40 = b0.fma(v, c40);
            c41 = b1.fma(v, c41);
            v = FloatVector.broadcast(SP, a[ap + 5]);
            c50 = b0.fma(v, c50);
            c51 = b1.fma(v, c51);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
    }

    /**
     * As {@link #run} for the first four rows of the micro-panel only (eight chains): the last group of a product
     * whose row count leaves at most four there (32 = 5 x 6 + 2, 16 = 2 x 6 + 4) does two thirds of the work. Only
     * the first {@code rows} (1-4) rows of C are read and written, so a last group of 1-3 rows stores straight into
     * C instead of going through a scratch tile (the tile and its copies cost a 3 -> 32 channel 224x224 stem a
     * third of its time: 0.90 ms against 0.63 for 36 channels).
     */
    static void runFour(float[] a, int pa, int kc, float[] b, int bOff, float[] c, int cOff, int ldc, boolean acc,
            float[] bias, int biasOff, int rows) {
        FloatVector c00;
        FloatVector c01;
        FloatVector c10;
        FloatVector c11;
        FloatVector c20;
        FloatVector c21;
        FloatVector c30;
        FloatVector c31;
        if (acc) {
            c00 = FloatVector.fromArray(SP, c, cOff);
            c01 = FloatVector.fromArray(SP, c, cOff + L);
            c10 = rows <= 1 ? FloatVector.zero(SP) : FloatVector.fromArray(SP, c, cOff + ldc);
            c11 = rows <= 1 ? FloatVector.zero(SP) : FloatVector.fromArray(SP, c, cOff + ldc + L);
            c20 = rows <= 2 ? FloatVector.zero(SP) : FloatVector.fromArray(SP, c, cOff + 2 * ldc);
            c21 = rows <= 2 ? FloatVector.zero(SP) : FloatVector.fromArray(SP, c, cOff + 2 * ldc + L);
            c30 = rows <= 3 ? FloatVector.zero(SP) : FloatVector.fromArray(SP, c, cOff + 3 * ldc);
            c31 = rows <= 3 ? FloatVector.zero(SP) : FloatVector.fromArray(SP, c, cOff + 3 * ldc + L);
        } else {
            c00 = start(bias, biasOff, 0, rows);
            c01 = c00;
            c10 = start(bias, biasOff, 1, rows);
            c11 = c10;
            c20 = start(bias, biasOff, 2, rows);
            c21 = c20;
            c30 = start(bias, biasOff, 3, rows);
            c31 = c30;
        }
        int ap = pa;
        for (int off = bOff, end = bOff + kc * NR; off < end; off += NR, ap += MR) {
            FloatVector b0 = FloatVector.fromArray(SP, b, off);
            FloatVector b1 = FloatVector.fromArray(SP, b, off + L);
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
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        if (rows > 1) {
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + L);
        }
        if (rows > 2) {
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + L);
        }
        if (rows > 3) {
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + L);
        }
    }

    /**
     * {@code C += A x B} (C always read) for the first {@code L} columns only (B rows still {@code NR} apart; its
     * only caller accumulates into a scratch tile): the last panel of a
     * product whose width leaves at most one vector there (196 = 12 x 16 + 4, 49 = 3 x 16 + 1) does half the work.
     */
    static void runHalf(float[] a, int pa, int kc, float[] b, int bOff, float[] c, int cOff, int ldc) {
        FloatVector c0 = FloatVector.fromArray(SP, c, cOff);
        FloatVector c1 = FloatVector.fromArray(SP, c, cOff + ldc);
        FloatVector c2 = FloatVector.fromArray(SP, c, cOff + 2 * ldc);
        FloatVector c3 = FloatVector.fromArray(SP, c, cOff + 3 * ldc);
        FloatVector c4 = FloatVector.fromArray(SP, c, cOff + 4 * ldc);
        FloatVector c5 = FloatVector.fromArray(SP, c, cOff + 5 * ldc);
        int ap = pa;
        for (int off = bOff, end = bOff + kc * NR; off < end; off += NR, ap += MR) {
            FloatVector b0 = FloatVector.fromArray(SP, b, off);
            c0 = b0.fma(FloatVector.broadcast(SP, a[ap]), c0);
            c1 = b0.fma(FloatVector.broadcast(SP, a[ap + 1]), c1);
            c2 = b0.fma(FloatVector.broadcast(SP, a[ap + 2]), c2);
            c3 = b0.fma(FloatVector.broadcast(SP, a[ap + 3]), c3);
            c4 = b0.fma(FloatVector.broadcast(SP, a[ap + 4]), c4);
            c5 = b0.fma(FloatVector.broadcast(SP, a[ap + 5]), c5);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + ldc);
        c2.intoArray(c, cOff + 2 * ldc);
        c3.intoArray(c, cOff + 3 * ldc);
        c4.intoArray(c, cOff + 4 * ldc);
        c5.intoArray(c, cOff + 5 * ldc);
    }

    private static FloatVector start(float[] bias, int biasOff, int row, int biasRows) {
        return FloatVector.broadcast(SP, bias == null || row >= biasRows ? 0f : bias[biasOff + row]);
    }
}
