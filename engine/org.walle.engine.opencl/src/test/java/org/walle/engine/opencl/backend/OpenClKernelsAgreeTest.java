package org.walle.engine.opencl.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.walle.engine.opencl.backend.DeviceHarness.assertAgrees;
import static org.walle.engine.opencl.backend.DeviceHarness.random;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.walle.engine.backend.Creation;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.View;

/**
 * Every command the OpenCL backend accepts, on random operands, against ReferenceBackend.execute. Tolerances:
 * element-wise, reductions and normalisations |d| <= 1e-5 + 1e-4 |ref| (OpenCL allows 3-16 ulp for exp, log, pow,
 * erf, tanh; float accumulation against the reference's double); GEMM and convolution 1e-4 of the largest |output|
 * (summation order differs); copies (raster, hardmax) exact.
 */
class OpenClKernelsAgreeTest {
    private final DeviceHarness h = new DeviceHarness();
    private final Random rnd = new Random(42);

    @BeforeAll
    static void device() {
        DeviceHarness.backend();
    }

    private Command unary(UnaryKind kind, float alpha, float beta, int n) {
        return h.command(AtomicOp.UNARY, List.of(h.tensor("x", n)), List.of(h.tensor("y", n)),
                new Params.Unary(kind, alpha, beta, null));
    }

    @Test
    void everySupportedUnaryKind() {
        int n = 1037;
        for (UnaryKind kind : ElementwiseLowering.UNARY) {
            float lo = -4;
            float hi = 4;
            switch (kind) {
                case SQRT, LOG -> lo = 0.01f;
                case ASIN, ACOS, ATANH -> {
                    lo = -0.99f;
                    hi = 0.99f;
                }
                case ACOSH -> {
                    lo = 1.01f;
                    hi = 5;
                }
                case TAN -> {
                    lo = -1.4f;
                    hi = 1.4f;
                }
                default -> {
                }
            }
            float[] x = random(rnd, n, lo, hi);
            x[0] = 0;
            if (kind == UnaryKind.RECIPROCAL) {
                x[0] = 0.5f;
            }
            float alpha = switch (kind) {
                case CLIP -> -0.5f;
                case LEAKY_RELU -> 0.1f;
                case SELU -> 1.6732632f;
                case HARD_SIGMOID -> 0.2f;
                case SHRINK, THRESHOLDED_RELU -> 0.5f;
                default -> 1f;
            };
            float beta = switch (kind) {
                case CLIP -> 0.5f;
                case SELU -> 1.050701f;
                case HARD_SIGMOID -> 0.5f;
                case SHRINK -> 0.1f;
                default -> 0f;
            };
            assertAgrees(unary(kind, alpha, beta, n), 1e-4, 1e-5, x);
        }
    }

    @Test
    void nanPropagatesLikeTheReference() {
        float[] x = {Float.NaN, -1, 2};
        for (UnaryKind kind : List.of(UnaryKind.RELU, UnaryKind.CLIP, UnaryKind.SIGN, UnaryKind.ABS)) {
            assertAgrees(unary(kind, -1, 1, 3), 0, 0, x);
        }
        Command max = h.command(AtomicOp.BINARY, List.of(h.tensor("a", 3), h.tensor("b", 3)),
                List.of(h.tensor("y", 3)), new Params.Binary(BinaryKind.MAX));
        assertAgrees(max, 0, 0, x, new float[] {1, Float.NaN, 3});
    }

    @Test
    void everySupportedBinaryKind() {
        int n = 999;
        for (BinaryKind kind : ElementwiseLowering.BINARY) {
            float[] a = random(rnd, n, kind == BinaryKind.POW ? 0.1f : -3, 3);
            float[] b = random(rnd, n, -3, 3);
            if (kind == BinaryKind.DIV || kind == BinaryKind.MOD || kind == BinaryKind.FMOD) {
                for (int i = 0; i < n; i++) {
                    b[i] = Math.copySign(Math.abs(b[i]) + 0.25f, b[i]);
                }
            }
            Command c = h.command(AtomicOp.BINARY, List.of(h.tensor("a", n), h.tensor("b", n)),
                    List.of(h.tensor("y", n)), new Params.Binary(kind));
            assertAgrees(c, 1e-4, 1e-5, a, b);
        }
    }

    @Test
    void broadcastOperandsOfEachSideAndShape() {
        // {outer, mid, inner}: a scalar, per-channel planes, a repeated row
        int[][] shapes = {{1, 1, 1037}, {2, 5, 49}, {6, 33, 1}};
        for (BinaryKind kind : List.of(BinaryKind.SUB, BinaryKind.DIV, BinaryKind.PRELU, BinaryKind.MAX)) {
            for (int[] s : shapes) {
                int n = s[0] * s[1] * s[2];
                for (int operand = 0; operand < 2; operand++) {
                    float[] full = random(rnd, n, -3, 3);
                    float[] small = random(rnd, s[1], 0.5f, 3);
                    PlanTensor y = h.tensor("y", n);
                    Command c = h.command(AtomicOp.BINARY, operand == 1
                            ? List.of(h.tensor("a", n), h.tensor("b", s[1]))
                            : List.of(h.tensor("a", s[1]), h.tensor("b", n)), List.of(y),
                            new Params.Binary(kind, new Params.Broadcast(operand, s[0], s[1], s[2])));
                    if (operand == 1) {
                        assertAgrees(c, 1e-4, 1e-5, full, small);
                    } else {
                        assertAgrees(c, 1e-4, 1e-5, small, full);
                    }
                }
            }
        }
    }

    @Test
    void rasterFillsTransposesConcatenatesAndReverses() {
        PlanTensor a = h.tensor("a", 4, 6);
        PlanTensor b = h.tensor("b", 5);
        PlanTensor y = h.tensor("y", 40);
        List<Region> regions = List.of(
                // a transposed into y[0..24) as 6x4
                Region.of(0, View.of(0, 0, 1, 6), View.of(0, 0, 4, 1), 1, 6, 4),
                // b reversed into y[30..35)
                Region.of(1, View.of(4, 0, 0, -1), View.of(30, 0, 0, 1), 1, 1, 5),
                // every second element of a's second row into y[24..27)
                Region.of(0, View.of(6, 0, 0, 2), View.of(24, 0, 0, 1), 1, 1, 3));
        Command c = h.command(AtomicOp.RASTER, List.of(a, b), List.of(y), new Params.Raster(regions, -7.0));
        assertAgrees(c, 0, 0, random(rnd, 24, -1, 1), random(rnd, 5, -1, 1));
        // without a fill the regions cover every output element: a batch of two 2x6 matrices, each transposed
        Command noFill = h.command(AtomicOp.RASTER, List.of(a), List.of(h.tensor("t", 24)), new Params.Raster(
                List.of(Region.of(0, View.of(0, 12, 1, 6), View.of(0, 12, 2, 1), 2, 6, 2)), null));
        assertAgrees(noFill, 0, 0, random(rnd, 24, -1, 1));
    }

    @Test
    void matMulOffersTheDirectAndTheTiledKernel() {
        Command c = h.command(AtomicOp.MATMUL, List.of(h.tensor("A", 2, 3), h.tensor("B", 3, 4)),
                List.of(h.tensor("C", 2, 4)), Params.MatMul.plain(2, 4, 3));
        assertEquals(List.of("gemm-direct", "gemm-blocked 4x8", "gemm-tiled ts=16"),
                DeviceHarness.algorithms(c).stream().map(org.walle.engine.backend.Algorithm::name).toList());
    }

    @Test
    void matMulWithTransposesAlphaBetaAndBiasOnOddSizes() {
        int[][] sizes = {{1, 1, 1}, {17, 33, 15}, {64, 48, 80}, {50, 7, 129}, {3, 8, 2}};
        for (int[] s : sizes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                int m = s[0];
                int n = s[1];
                int k = s[2];
                Params.MatMul p = new Params.MatMul(m, n, k, ta, tb, 0.75f, t == 3 ? -2f : 0.5f);
                PlanTensor a = h.tensor("A", ta ? k : m, ta ? m : k);
                PlanTensor b = h.tensor("B", tb ? n : k, tb ? k : n);
                boolean bias = t != 0;
                List<PlanTensor> in = bias ? List.of(a, b, h.tensor("bias", m, n)) : List.of(a, b);
                Command c = h.command(AtomicOp.MATMUL, in, List.of(h.tensor("C", m, n)), p);
                float[][] operands = bias
                        ? new float[][] {random(rnd, m * k, -1, 1), random(rnd, k * n, -1, 1),
                            random(rnd, m * n, -1, 1)}
                        : new float[][] {random(rnd, m * k, -1, 1), random(rnd, k * n, -1, 1)};
                float[] want = DeviceHarness.reference(c, operands)[0];
                float scale = 1;
                for (float v : want) {
                    scale = Math.max(scale, Math.abs(v));
                }
                assertAgrees(c, 0, 1e-4 * scale, operands);
            }
        }
    }

    @Test
    void reduceEveryKindOnRowsAndStridedAxes() {
        int[][] shapes = {{5, 1000, 1}, {3, 7, 1}, {4, 9, 13}, {1, 1, 1}};
        for (Params.ReduceKind kind : List.of(Params.ReduceKind.SUM, Params.ReduceKind.MEAN, Params.ReduceKind.MAX,
                Params.ReduceKind.MIN, Params.ReduceKind.PROD)) {
            for (int[] s : shapes) {
                int total = s[0] * s[1] * s[2];
                float[] x = kind == Params.ReduceKind.PROD ? random(rnd, total, 0.99f, 1.01f)
                        : random(rnd, total, -1, 1);
                Command c = h.command(AtomicOp.REDUCE, List.of(h.tensor("x", total)),
                        List.of(h.tensor("y", s[0] * s[2])), new Params.Reduce(kind, s[0], s[1], s[2], false));
                assertAgrees(c, 1e-4, 1e-5, x);
            }
        }
    }

    @Test
    void softmaxLogSoftmaxAndHardmax() {
        for (String mode : List.of("softmax", "log", "hard")) {
            for (int[] s : new int[][] {{3, 100, 1}, {2, 6, 11}}) {
                int total = s[0] * s[1] * s[2];
                float[] x = random(rnd, total, -5, 5);
                x[0] = 80;
                Command c = h.command(AtomicOp.SOFTMAX, List.of(h.tensor("x", total)), List.of(h.tensor("y", total)),
                        new Params.Softmax(mode, s[0], s[1], s[2]));
                assertAgrees(c, 1e-4, 1e-6, x);
            }
        }
    }

    @Test
    void layerNormWithAndWithoutBiasAndStatistics() {
        int outer = 6;
        int inner = 37;
        Params.LayerNorm p = new Params.LayerNorm(outer, inner, 1e-5f);
        float[] x = random(rnd, outer * inner, -3, 5);
        float[] scale = random(rnd, inner, 0.5f, 1.5f);
        float[] bias = random(rnd, inner, -1, 1);
        Command full = h.command(AtomicOp.LAYER_NORM, List.of(h.tensor("x", outer * inner), h.tensor("s", inner),
                h.tensor("b", inner)), List.of(h.tensor("y", outer * inner), h.tensor("mean", outer),
                        h.tensor("inv", outer)), p);
        assertAgrees(full, 1e-4, 1e-5, x, scale, bias);
        Command plain = h.command(AtomicOp.LAYER_NORM, List.of(h.tensor("x", outer * inner), h.tensor("s", inner)),
                List.of(h.tensor("y", outer * inner)), p);
        assertAgrees(plain, 1e-4, 1e-5, x, scale);
    }

    @Test
    void convolutionPlainDepthwiseGroupedAndPointwiseWithPaddingStrideDilation() {
        // n, c, h, w, m, group, k, stride, pad, dilation, bias; every algorithm offered (direct, im2col or
        // pointwise GEMM) is compared
        assertEquals(2, DeviceHarness.algorithms(h.command(AtomicOp.CONV, List.of(h.tensor("x", 1, 1, 3, 3),
                h.tensor("w", 1, 1, 1, 1)), List.of(h.tensor("y", 1, 1, 3, 3)), new Params.Conv(1, new int[] {1, 1},
                        new int[] {1, 1}, new int[2], new int[] {1, 1}, new int[2]))).size());
        int[][] cases = {{2, 3, 9, 11, 4, 1, 3, 2, 1, 2, 1}, {1, 8, 7, 7, 8, 8, 3, 1, 1, 1, 1},
            {1, 6, 8, 5, 4, 2, 2, 1, 0, 1, 0}, {2, 6, 5, 7, 9, 3, 1, 1, 0, 1, 1}, {1, 5, 6, 6, 7, 1, 1, 2, 0, 1, 0}};
        for (int[] k : cases) {
            int n = k[0];
            int ch = k[1];
            int hh = k[2];
            int ww = k[3];
            int m = k[4];
            int g = k[5];
            int ks = k[6];
            int oh = (hh + 2 * k[8] - k[9] * (ks - 1) - 1) / k[7] + 1;
            int ow = (ww + 2 * k[8] - k[9] * (ks - 1) - 1) / k[7] + 1;
            Params.Conv p = new Params.Conv(g, new int[] {ks, ks}, new int[] {k[7], k[7]}, new int[] {k[8], k[8]},
                    new int[] {k[9], k[9]}, new int[] {0, 0});
            boolean bias = k[10] == 1;
            PlanTensor x = h.tensor("x", n, ch, hh, ww);
            PlanTensor w = h.tensor("w", m, ch / g, ks, ks);
            List<PlanTensor> in = bias ? List.of(x, w, h.tensor("bias", m)) : List.of(x, w);
            Command c = h.command(g == ch && g == m ? AtomicOp.CONV_DEPTHWISE : AtomicOp.CONV, in,
                    List.of(h.tensor("y", n, m, oh, ow)), p);
            float[][] operands = bias
                    ? new float[][] {random(rnd, (int) x.elements(), -1, 1), random(rnd, w.elements(), -1, 1),
                        random(rnd, m, -1, 1)}
                    : new float[][] {random(rnd, x.elements(), -1, 1), random(rnd, w.elements(), -1, 1)};
            assertAgrees(c, 1e-4, 1e-4, operands);
        }
    }

    @Test
    void convolutionWithAFusedActivationRunsItOnTheDevice() {
        for (Params.Unary a : List.of(new Params.Unary(UnaryKind.CLIP, 0, 6, null),
                Params.Unary.of(UnaryKind.HARD_SWISH))) {
            Params.Conv p = new Params.Conv(1, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1},
                    new int[] {0, 0}).withActivation(a);
            Command c = h.command(AtomicOp.CONV, List.of(h.tensor("x", 1, 4, 6, 6), h.tensor("w", 5, 4, 3, 3),
                    h.tensor("bias", 5)), List.of(h.tensor("y", 1, 5, 6, 6)), p);
            assertEquals(2, DeviceHarness.algorithms(c).size(), "direct and im2col both activate");
            assertAgrees(c, 1e-4, 1e-4, random(rnd, 144, -3, 3), random(rnd, 180, -1, 1), random(rnd, 5, -1, 1));
        }
    }

    @Test
    void poolingMaxAverageWithAndWithoutPadsAndLp() {
        // kind, kernel, stride, pad begin, pad end, dilation, countIncludePad, p
        Object[][] cases = {{"max", 3, 2, 1, 1, 1, false, 0}, {"avg", 3, 2, 1, 0, 1, false, 0},
            {"avg", 3, 1, 1, 1, 1, true, 0}, {"lp", 2, 2, 0, 0, 1, false, 2}, {"max", 2, 1, 0, 0, 2, false, 0}};
        int hh = 9;
        int ww = 7;
        for (Object[] k : cases) {
            int ks = (int) k[1];
            int st = (int) k[2];
            int pb = (int) k[3];
            int pe = (int) k[4];
            int dl = (int) k[5];
            int oh = (hh + pb + pe - dl * (ks - 1) - 1) / st + 1;
            int ow = (ww + pb + pe - dl * (ks - 1) - 1) / st + 1;
            Params.Pool p = new Params.Pool((String) k[0], new int[] {ks, ks}, new int[] {st, st},
                    new int[] {pb, pb}, new int[] {pe, pe}, new int[] {dl, dl}, (boolean) k[6], (int) k[7]);
            Command c = h.command(AtomicOp.POOL, List.of(h.tensor("x", 2, 3, hh, ww)),
                    List.of(h.tensor("y", 2, 3, oh, ow)), p);
            float[] x = random(rnd, 2 * 3 * hh * ww, -2, 2);
            x[5] = Float.NaN;
            assertAgrees(c, 1e-4, 1e-5, x);
        }
    }

    @Test
    void loopOfMatMulRunsEveryBatchOnShiftedOperands() {
        int batch = 3;
        int m = 5;
        int n = 6;
        int k = 7;
        Command body = h.command(AtomicOp.MATMUL, List.of(h.tensor("a", m, k), h.tensor("b", k, n)),
                List.of(h.tensor("c", m, n)), Params.MatMul.plain(m, n, k));
        // the second operand is shared by every batch (stride 0): broadcast B
        Params.Loop p = new Params.Loop(batch, body, List.of(Params.Step.linear(m * k), Params.Step.linear(0),
                Params.Step.linear(m * n)));
        Command c = h.command(AtomicOp.LOOP, List.of(h.tensor("A", batch, m, k), h.tensor("B", k, n)),
                List.of(h.tensor("C", batch, m, n)), p);
        assertAgrees(c, 1e-4, 1e-5, random(rnd, batch * m * k, -1, 1), random(rnd, k * n, -1, 1));
        Params.Loop table = new Params.Loop(2, body, List.of(Params.Step.table(new int[] {m * k, 0}),
                Params.Step.linear(0), Params.Step.table(new int[] {0, m * n})));
        Command reversed = h.command(AtomicOp.LOOP, List.of(h.tensor("A", 2, m, k), h.tensor("B", k, n)),
                List.of(h.tensor("C", 2, m, n)), table);
        assertAgrees(reversed, 1e-4, 1e-5, random(rnd, 2 * m * k, -1, 1), random(rnd, k * n, -1, 1));
    }

    /** Hostile input: a region reading past its source must fail before any device access, naming the operand. */
    @Test
    void aRegionOutsideItsSourceIsRejectedBeforeLaunch() {
        PlanTensor a = h.tensor("small", 10);
        Command c = h.command(AtomicOp.RASTER, List.of(a), List.of(h.tensor("y", 20)), new Params.Raster(
                List.of(Region.of(0, View.of(5, 0, 0, 1), View.of(0, 0, 0, 1), 1, 1, 20)), null));
        var e = assertThrows(IllegalArgumentException.class, () -> DeviceHarness.device(c, new float[10]));
        assertTrue(e.getMessage().contains("operand small is accessed at elements [5, 24]"), e.getMessage());
    }

    @Test
    void closedBackendsAndEmptyTensorsAreHandled() {
        Command empty = h.command(AtomicOp.UNARY, List.of(h.tensor("x", 0)), List.of(h.tensor("y", 0)),
                Params.Unary.of(UnaryKind.EXP));
        assertEquals(0, DeviceHarness.device(empty, new float[0])[0].length - 3);
        assertTrue(DeviceHarness.backend().onCreate(empty) instanceof Creation.Supported);
    }
}
