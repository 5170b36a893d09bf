package org.walle.engine.simd.internal;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.walle.engine.simd.Parallel;

/**
 * A product with at most four columns (a 1-d conv over a few frames: Silero's STFT and encoder): a packed GEMM panel
 * would be 16 wide for 1-4 real columns, so each C row is instead four dot products of A's row with B's columns,
 * copied contiguous (and zero-padded to four) first; A streams through once. 128x4x387 went from 10 to 22 GFLOP/s.
 */
final class NarrowProduct {

    private static final VectorSpecies<Float> SP = MicroKernel.SP;
    private static final int L = MicroKernel.L;

    /** At most this many columns of C. */
    static final int MAX_COLUMNS = 4;

    private static final Scratch COLUMNS = new Scratch();

    private NarrowProduct() {
    }

    /** {@code C (+)= A * B} for B of at most {@link #MAX_COLUMNS} columns (row-major, leading dimensions). */
    static void multiply(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc, int m, int n, int k, boolean accumulate, int threads) {
        float[] columns = COLUMNS.take(MAX_COLUMNS * k);
        Arrays.fill(columns, 0, MAX_COLUMNS * k, 0f);
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                columns[j * k + p] = b[bOff + p * ldb + j];
            }
        }
        int grain = Math.max(1, (int) (GemmKernel.SERIAL_MNK / Math.max(1, (long) k * MAX_COLUMNS)));
        Parallel.forRange(threads, m, grain, (i0, i1) -> {
            int i = i0;
            for (; i + 1 < i1; i += 2) {
                dots4x2(a, aOff + i * lda, lda, columns, k, n, c, cOff + i * ldc, ldc, accumulate);
            }
            if (i < i1) {
                dots4x2(a, aOff + i * lda, 0, columns, k, n, c, cOff + i * ldc, -1, accumulate);
            }
        });
        COLUMNS.give(columns);
    }

    /**
     * {@code c[cRow + r * ldc + j] (+)= a[aRow + r * lda, + k) . columns[j * k, (j + 1) * k)} for rows r = 0, 1 and
     * j below n (at most four): eight FMA chains, six loads per eight FMAs. A single last row passes lda = 0 and
     * ldc = -1: the second row is computed from the same A row and not stored.
     */
    private static void dots4x2(float[] a, int aRow, int lda, float[] columns, int k, int n, float[] c, int cRow,
            int ldc, boolean accumulate) {
        FloatVector s0 = FloatVector.zero(SP);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector t0 = s0;
        FloatVector t1 = s0;
        FloatVector t2 = s0;
        FloatVector t3 = s0;
        int bound = SP.loopBound(k);
        int aRow1 = aRow + lda;
        for (int p = 0; p < bound; p += L) {
            FloatVector va = FloatVector.fromArray(SP, a, aRow + p);
            FloatVector vb = FloatVector.fromArray(SP, a, aRow1 + p);
            FloatVector x = FloatVector.fromArray(SP, columns, p);
            s0 = va.fma(x, s0);
            t0 = vb.fma(x, t0);
            x = FloatVector.fromArray(SP, columns, k + p);
            s1 = va.fma(x, s1);
            t1 = vb.fma(x, t1);
            x = FloatVector.fromArray(SP, columns, 2 * k + p);
            s2 = va.fma(x, s2);
            t2 = vb.fma(x, t2);
            x = FloatVector.fromArray(SP, columns, 3 * k + p);
            s3 = va.fma(x, s3);
            t3 = vb.fma(x, t3);
        }
        store(a, aRow, columns, k, bound, n, c, cRow, accumulate, s0.reduceLanes(VectorOperators.ADD),
                s1.reduceLanes(VectorOperators.ADD), s2.reduceLanes(VectorOperators.ADD),
                s3.reduceLanes(VectorOperators.ADD));
        if (ldc < 0) {
            return;
        }
        store(a, aRow1, columns, k, bound, n, c, cRow + ldc, accumulate, t0.reduceLanes(VectorOperators.ADD),
                t1.reduceLanes(VectorOperators.ADD), t2.reduceLanes(VectorOperators.ADD),
                t3.reduceLanes(VectorOperators.ADD));
    }

    /** Adds the scalar tail {@code [from, k)} to the four dot products of one row and stores the first n. */
    private static void store(float[] a, int aRow, float[] columns, int k, int from, int n, float[] c, int cRow,
            boolean accumulate, float d0, float d1, float d2, float d3) {
        for (int p = from; p < k; p++) {
            float x = a[aRow + p];
            d0 += x * columns[p];
            d1 += x * columns[k + p];
            d2 += x * columns[2 * k + p];
            d3 += x * columns[3 * k + p];
        }
        for (int j = 0; j < n; j++) {
            float d = j == 0 ? d0 : j == 1 ? d1 : j == 2 ? d2 : d3;
            c[cRow + j] = accumulate ? c[cRow + j] + d : d;
        }
    }
}
