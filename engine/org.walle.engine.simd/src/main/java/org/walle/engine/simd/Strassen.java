package org.walle.engine.simd;

import org.walle.engine.simd.internal.MatrixView;

/**
 * Strassen's matrix multiply: one level replaces 8 half-size products by 7 and pays 10 operand sums plus 12
 * accumulation passes over half-size blocks. It recurses while {@link #pays} holds, then finishes with the tiled
 * {@link Gemm}; odd sizes are peeled (the even core recurses, the last row/column/k-slice go to GEMM).
 *
 * <p>The rule: the saved product is {@code 2 (m/2)(n/2)(k/2) = mnk/4} FLOPs at GEMM speed {@code G}; the extra
 * passes move {@code 12 bytes} (2 reads + 1 write) per element of {@code 5 (m/2)(k/2) + 5 (k/2)(n/2) + 12 (m/2)(n/2)}
 * elements at bandwidth {@code B}. Recurse iff {@code (mnk/4)/G > (15mk + 15kn + 36mn)/B}; for square matrices
 * {@code n > 264 G / B}.
 */
public final class Strassen {

    /** Below this size per dimension the half-size GEMMs are too small to run at calibrated speed. */
    public static final int MIN_SIZE = 64;

    private Strassen() {
    }

    /** True when one more Strassen level is estimated to save time at this size. */
    public static boolean pays(int m, int n, int k, MachineSpeed speed, int threads) {
        if (m < MIN_SIZE || n < MIN_SIZE || k < MIN_SIZE) {
            return false;
        }
        double saved = (double) m * n * k / 4 / (speed.gemmGflops(threads) * 1e9);
        double extra = penaltyBytes(m, n, k) / (speed.bandwidthGBps() * 1e9);
        return saved > extra;
    }

    static double penaltyBytes(int m, int n, int k) {
        return 15.0 * m * k + 15.0 * k * n + 36.0 * m * n;
    }

    /** Number of levels the rule picks (0 = plain GEMM). */
    public static int levels(int m, int n, int k, MachineSpeed speed, int threads) {
        int levels = 0;
        while (pays(m, n, k, speed, threads)) {
            levels++;
            m /= 2;
            n /= 2;
            k /= 2;
        }
        return levels;
    }

    /** Modelled cost with {@code levels} levels: 7^levels GEMMs of the leaf size plus every level's extra passes. */
    public static Cost cost(int m, int n, int k, int levels) {
        Cost total = Cost.of(0, 0, 1);
        double products = 1;
        for (int level = 0; level < levels; level++) {
            total = total.plus(Cost.of(products * (5.0 * m * k + 5.0 * k * n + 12.0 * m * n) / 4,
                    products * penaltyBytes(m, n, k), CostModel.STREAMING_EFFICIENCY));
            products *= 7;
            m /= 2;
            n /= 2;
            k /= 2;
        }
        Cost leaf = CostModel.gemm(m, n, k, GemmTiling.choose(m, n, k));
        return total.plus(Cost.of(leaf.flops() * products, leaf.bytes() * products, 1));
    }

    /** {@code C = A * B}, recursing as {@link #pays} decides. */
    public static void multiply(float[] a, float[] b, float[] c, int m, int n, int k, MachineSpeed speed,
            int threads) {
        multiply(a, b, c, m, n, k, levels(m, n, k, speed, threads), threads);
    }

    /** {@code C = A * B} with exactly {@code levels} Strassen levels (fewer where a size reaches 1). */
    public static void multiply(float[] a, float[] b, float[] c, int m, int n, int k, int levels, int threads) {
        if (m < 0 || n < 0 || k < 0 || levels < 0) {
            throw new IllegalArgumentException("Strassen sizes and levels must be >= 0: m=" + m + " n=" + n + " k="
                    + k + " levels=" + levels);
        }
        Gemm.checkMatrix("A", a, 0, k, m, k);
        Gemm.checkMatrix("B", b, 0, n, k, n);
        Gemm.checkMatrix("C", c, 0, n, m, n);
        Parallel.checkThreads(threads);
        recurse(new MatrixView(a, 0, k), new MatrixView(b, 0, n), new MatrixView(c, 0, n), m, n, k, levels, threads);
    }

    private static void gemm(MatrixView a, MatrixView b, MatrixView c, int m, int n, int k, boolean acc,
            int threads) {
        Gemm.multiply(a.data(), a.off(), a.ld(), b.data(), b.off(), b.ld(), c.data(), c.off(), c.ld(), m, n, k, acc,
                GemmTiling.choose(m, n, k), threads);
    }

    private static void recurse(MatrixView a, MatrixView b, MatrixView c, int m, int n, int k, int levels,
            int threads) {
        int m2 = m / 2;
        int n2 = n / 2;
        int k2 = k / 2;
        if (levels == 0 || m2 == 0 || n2 == 0 || k2 == 0) {
            gemm(a, b, c, m, n, k, false, threads);
            return;
        }
        evenCore(a, b, c, m2, n2, k2, levels, threads);
        if (k % 2 == 1) {
            gemm(a.at(0, k - 1), b.at(k - 1, 0), c, 2 * m2, 2 * n2, 1, true, threads);
        }
        if (n % 2 == 1) {
            gemm(a, b.at(0, n - 1), c.at(0, n - 1), m, 1, k, false, threads);
        }
        if (m % 2 == 1) {
            gemm(a.at(m - 1, 0), b, c.at(m - 1, 0), 1, 2 * n2, k, false, threads);
        }
    }

    /** One Strassen level on the {@code 2m2 x 2k2 * 2k2 x 2n2} core. */
    private static void evenCore(MatrixView a, MatrixView b, MatrixView c, int m2, int n2, int k2, int levels,
            int threads) {
        MatrixView a11 = a;
        MatrixView a12 = a.at(0, k2);
        MatrixView a21 = a.at(m2, 0);
        MatrixView a22 = a.at(m2, k2);
        MatrixView b11 = b;
        MatrixView b12 = b.at(0, n2);
        MatrixView b21 = b.at(k2, 0);
        MatrixView b22 = b.at(k2, n2);
        MatrixView c11 = c;
        MatrixView c12 = c.at(0, n2);
        MatrixView c21 = c.at(m2, 0);
        MatrixView c22 = c.at(m2, n2);
        MatrixView s = MatrixView.dense(m2, k2);
        MatrixView t = MatrixView.dense(k2, n2);
        MatrixView p = MatrixView.dense(m2, n2);
        int next = levels - 1;
        // M1 = (A11 + A22)(B11 + B22) -> C11, C22
        MatrixView.sum(a11, a22, 1, s, m2, k2);
        MatrixView.sum(b11, b22, 1, t, k2, n2);
        recurse(s, t, p, m2, n2, k2, next, threads);
        MatrixView.addInto(p, 1, c11, m2, n2, true);
        MatrixView.addInto(p, 1, c22, m2, n2, true);
        // M2 = (A21 + A22) B11 -> C21, -C22
        MatrixView.sum(a21, a22, 1, s, m2, k2);
        recurse(s, b11, p, m2, n2, k2, next, threads);
        MatrixView.addInto(p, 1, c21, m2, n2, true);
        MatrixView.addInto(p, -1, c22, m2, n2, false);
        // M3 = A11 (B12 - B22) -> C12, C22
        MatrixView.sum(b12, b22, -1, t, k2, n2);
        recurse(a11, t, p, m2, n2, k2, next, threads);
        MatrixView.addInto(p, 1, c12, m2, n2, true);
        MatrixView.addInto(p, 1, c22, m2, n2, false);
        // M4 = A22 (B21 - B11) -> C11, C21
        MatrixView.sum(b21, b11, -1, t, k2, n2);
        recurse(a22, t, p, m2, n2, k2, next, threads);
        MatrixView.addInto(p, 1, c11, m2, n2, false);
        MatrixView.addInto(p, 1, c21, m2, n2, false);
        // M5 = (A11 + A12) B22 -> -C11, C12
        MatrixView.sum(a11, a12, 1, s, m2, k2);
        recurse(s, b22, p, m2, n2, k2, next, threads);
        MatrixView.addInto(p, -1, c11, m2, n2, false);
        MatrixView.addInto(p, 1, c12, m2, n2, false);
        // M6 = (A21 - A11)(B11 + B12) -> C22
        MatrixView.sum(a21, a11, -1, s, m2, k2);
        MatrixView.sum(b11, b12, 1, t, k2, n2);
        recurse(s, t, p, m2, n2, k2, next, threads);
        MatrixView.addInto(p, 1, c22, m2, n2, false);
        // M7 = (A12 - A22)(B21 + B22) -> C11
        MatrixView.sum(a12, a22, -1, s, m2, k2);
        MatrixView.sum(b21, b22, 1, t, k2, n2);
        recurse(s, t, p, m2, n2, k2, next, threads);
        MatrixView.addInto(p, 1, c11, m2, n2, false);
    }
}
