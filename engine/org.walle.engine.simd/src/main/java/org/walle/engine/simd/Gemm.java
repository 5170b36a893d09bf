package org.walle.engine.simd;

import org.walle.engine.simd.internal.GemmKernel;

/**
 * Single-precision matrix multiply {@code C = A * B} (or {@code C += A * B}) on row-major float arrays:
 * A is {@code m x k}, B is {@code k x n}, C is {@code m x n}. The tiled, packed, multithreaded kernel; the tiling is
 * chosen by {@link GemmTiling#choose(int, int, int)} unless given.
 */
public final class Gemm {

    private Gemm() {
    }

    /** {@code C = A * B} with dense matrices and the default thread count. */
    public static void multiply(float[] a, float[] b, float[] c, int m, int n, int k) {
        multiply(a, b, c, m, n, k, Parallel.defaultThreads());
    }

    public static void multiply(float[] a, float[] b, float[] c, int m, int n, int k, int threads) {
        checkSizes(m, n, k);
        multiply(a, 0, k, b, 0, n, c, 0, n, m, n, k, false, GemmTiling.choose(m, n, k), threads);
    }

    /**
     * The general form on sub-matrices: element (i, j) of A is {@code a[aOff + i * lda + j]}, likewise for B and C.
     * With {@code accumulate} the product is added to C, otherwise C is overwritten.
     */
    public static void multiply(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc, int m, int n, int k, boolean accumulate, GemmTiling tiling, int threads) {
        checkSizes(m, n, k);
        checkMatrix("A", a, aOff, lda, m, k);
        checkMatrix("B", b, bOff, ldb, k, n);
        checkMatrix("C", c, cOff, ldc, m, n);
        Parallel.checkThreads(threads);
        GemmKernel.multiply(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, m, n, k, accumulate, tiling, threads);
    }

    static void checkSizes(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("GEMM sizes must be >= 0: m=" + m + " n=" + n + " k=" + k);
        }
    }

    static void checkMatrix(String name, float[] array, int offset, int ld, int rows, int cols) {
        if (array == null) {
            throw new IllegalArgumentException("matrix " + name + " is null");
        }
        if (ld < cols || offset < 0) {
            throw new IllegalArgumentException("matrix " + name + ": leading dimension " + ld + " < columns " + cols
                    + " or negative offset " + offset);
        }
        if (rows > 0 && cols > 0 && (long) offset + (long) (rows - 1) * ld + cols > array.length) {
            throw new IllegalArgumentException("matrix " + name + " (" + rows + "x" + cols + ", offset " + offset
                    + ", ld " + ld + ") needs " + ((long) offset + (long) (rows - 1) * ld + cols)
                    + " floats but the array holds " + array.length);
        }
    }
}
