package org.walle.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.walle.engine.simd.internal.ClampRows;
import org.walle.engine.simd.internal.GemmKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GEMM against the scalar oracle at 1e-4 relative (float accumulation over k <= 600 stays well inside). */
class GemmTest {

    @ParameterizedTest
    @CsvSource({"1,1,1", "1,17,5", "3,1,9", "4,16,8", "5,33,7", "17,31,13", "64,64,64", "67,129,71",
        "130,3,300", "2,300,2", "31,47,600", "1,1003,64", "2,37,10"})
    void matchesScalarReferenceOnOddShapesAndTails(int m, int n, int k) {
        Random rnd = new Random(m * 1000003L + n * 101 + k);
        float[] a = Reference.random(rnd, m * k);
        float[] b = Reference.random(rnd, k * n);
        float[] expected = Reference.gemm(a, b, m, n, k);
        for (int threads : new int[] {1, 2, 3}) {
            float[] c = new float[m * n];
            Gemm.multiply(a, b, c, m, n, k, threads);
            Reference.assertClose(expected, c, 1e-4, "gemm " + m + "x" + n + "x" + k + " threads " + threads);
        }
    }

    /**
     * The fused epilogue (a conv's bias and ReLU6-like clamp) against bias + product + clamp done separately, on
     * every path: full 6- and 4-row blocks, last groups of 1, 2 and 3 rows stored straight (13, 32, 33 rows), ragged
     * edge tiles (17, 37, 49 and 196 columns, 22 rows), several k
     * blocks (only the first starts from the bias, only the last clamps), the skinny (3 rows) and narrow (3 columns)
     * products, prepacked A, and a bias read from an offset.
     */
    @ParameterizedTest
    @CsvSource({"3,17,9", "4,16,40", "6,3,20", "22,37,300", "64,49,200", "16,196,64", "32,33,70", "33,48,40",
        "13,64,30"})
    void biasAndClampEpilogueMatchesSeparatePasses(int m, int n, int k) {
        Random rnd = new Random(m * 31L + n * 7 + k);
        float[] a = Reference.random(rnd, m * k);
        float[] b = Reference.random(rnd, k * n);
        float[] bias = Reference.random(rnd, m + 3);
        float lo = (float) (-0.2 * Math.sqrt(k));
        float hi = (float) (0.3 * Math.sqrt(k));
        float[] expected = Reference.gemm(a, b, m, n, k);
        int inside = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float v = expected[i * n + j] + bias[3 + i];
                inside += v > lo && v < hi ? 1 : 0;
                expected[i * n + j] = Math.min(Math.max(v, lo), hi);
            }
        }
        assertTrue(inside > 0 && inside < m * n, "the clamp must cut some values and keep others: " + inside);
        for (GemmTiling tiling : new GemmTiling[] {new GemmTiling(12, 64), GemmTiling.choose(m, n, k)}) {
            GemmKernel.PackedA packed = GemmKernel.pack(a, 0, k, m, k, tiling);
            for (int threads = 1; threads <= 2; threads++) {
                for (GemmKernel.PackedA pa : new GemmKernel.PackedA[] {null, packed}) {
                    float[] c = new float[m * n];
                    java.util.Arrays.fill(c, Float.NaN);
                    GemmKernel.multiply(a, 0, k, pa, b, 0, n, null, c, 0, n, m, n, k, false, tiling, threads, bias, 3,
                            new ClampRows(lo, hi));
                    Reference.assertClose(expected, c, 1e-4, "epilogue " + m + "x" + n + "x" + k + " " + tiling
                            + " threads " + threads + (pa == null ? "" : " packed A"));
                }
            }
        }
    }

    @Test
    void smallTilesForceManyKPassesAndRowBlocks() {
        int m = 37;
        int n = 41;
        int k = 200;
        Random rnd = new Random(7);
        float[] a = Reference.random(rnd, m * k);
        float[] b = Reference.random(rnd, k * n);
        float[] c = new float[m * n];
        Gemm.multiply(a, 0, k, b, 0, n, c, 0, n, m, n, k, false, new GemmTiling(5, 7), 2);
        Reference.assertClose(Reference.gemm(a, b, m, n, k), c, 1e-4, "tiny tiles");
    }

    /**
     * Also the narrow path (at most four columns: row dot products) and the skinny one (fewer than six rows: four
     * rows of B per pass over C), with odd row counts and k tails.
     */
    @ParameterizedTest
    @CsvSource({"9,19,11", "7,3,21", "13,1,40", "6,4,8", "3,21,13"})
    void accumulateAddsToCAndSubMatricesUseLeadingDimensions(int m, int n, int k) {
        int ld = 40;
        Random rnd = new Random(3);
        float[] a = Reference.random(rnd, m * k);
        float[] b = Reference.random(rnd, k * n);
        float[] big = Reference.random(rnd, 5 + m * ld);
        float[] before = big.clone();
        Gemm.multiply(a, 0, k, b, 0, n, big, 5, ld, m, n, k, true, GemmTiling.choose(m, n, k), 2);
        float[] product = Reference.gemm(a, b, m, n, k);
        for (int i = 0; i < big.length; i++) {
            int row = (i - 5) / ld;
            int col = (i - 5) % ld;
            boolean inside = i >= 5 && row < m && col < n;
            float expected = inside ? before[i] + product[row * n + col] : before[i];
            assertEquals(expected, big[i], 1e-4, "element " + i + (inside ? " inside" : " outside") + " C");
        }
    }

    @Test
    void zeroKClearsCUnlessAccumulating() {
        float[] c = {1, 2, 3, 4};
        Gemm.multiply(new float[0], 0, 0, new float[0], 0, 2, c, 0, 2, 2, 2, 0, true, new GemmTiling(4, 4), 1);
        assertEquals(1, c[0]);
        Gemm.multiply(new float[0], 0, 0, new float[0], 0, 2, c, 0, 2, 2, 2, 0, false, new GemmTiling(4, 4), 1);
        assertEquals(0, c[3]);
    }

    /** Hostile input: arrays too short, negative sizes, bad leading dimension, zero threads. */
    @Test
    void rejectsBadShapesWithNamedMatrix() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(new float[6], new float[5], new float[4], 2, 2, 3, 1));
        assertTrue(e.getMessage().contains("matrix B"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(new float[4], new float[4], new float[4], -2, 2, 2, 1));
        assertTrue(e.getMessage().contains("m=-2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gemm.multiply(new float[4], 0, 1, new float[4], 0, 2,
                new float[4], 0, 2, 2, 2, 2, false, new GemmTiling(4, 4), 1));
        assertTrue(e.getMessage().contains("leading dimension"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(new float[4], new float[4], new float[4], 2, 2, 2, 0));
        assertTrue(e.getMessage().contains("thread"), e.getMessage());
    }

    @Test
    void tilingFitsTheCachesAndCostCountsFlops() {
        GemmTiling t = GemmTiling.choose(512, 512, 512);
        assertTrue(t.kc() * 4L * org.walle.engine.simd.internal.GemmKernel.NR <= 48 * 1024 || t.kc() == 64, "" + t);
        Cost cost = CostModel.gemm(512, 512, 512, t);
        assertEquals(2.0 * 512 * 512 * 512, cost.flops());
        assertTrue(cost.bytes() >= 4.0 * 3 * 512 * 512, "at least A, B and C move once: " + cost.bytes());
    }
}
