package org.walle.engine.simd.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.View;
import org.walle.engine.tensor.DType;

/**
 * Element-wise, reduction, normalisation, pooling and raster commands against the reference kernels, at odd sizes
 * (vector bodies plus scalar tails) and above the fork grain (2 threads really split). Tolerances relative to the
 * largest |output| (at least 1): 1e-5 for element-wise and raster, 1e-4 for reductions, softmax, layer norm
 * and pooling (float accumulation against the reference's double).
 */
class SimdElementwiseTest {
    private static final int[] SIZES = {1, 7, 33, 1000, 70001};

    @Test
    void unaryKindsMatchTheReference() {
        CommandHarness h = new CommandHarness(21);
        int checked = 0;
        for (int threads = 1; threads <= 2; threads++) {
            SimdBackend backend = CommandHarness.backend(threads);
            for (UnaryKind kind : UnaryKind.values()) {
                if (ElementwiseAlgorithms.unaryOp(kind) == null && kind != UnaryKind.IDENTITY
                        && !Activations.covers(kind)) {
                    continue;
                }
                for (int n : SIZES) {
                    PlanTensor x = h.tensor(n);
                    // alpha/beta as LeakyRelu's slope, HardSigmoid's 0.2x + 0.5, Elu's alpha
                    Command c = CommandHarness.command(AtomicOp.UNARY, List.of(x), List.of(h.tensor(n)),
                            new Params.Unary(kind, 0.2f, 0.5f, null));
                    // SQRT and LOG of negatives are NaN in both; RECIPROCAL near 0 is large but relative
                    h.check(c, backend, 1e-5);
                    checked++;
                }
            }
            Command clip = CommandHarness.command(AtomicOp.UNARY, List.of(h.tensor(70001)), List.of(h.tensor(70001)),
                    new Params.Unary(UnaryKind.CLIP, -0.25f, 0.5f, null));
            assertEquals(List.of("vector-clamp"), h.check(clip, backend, 0));
        }
        assertEquals(2 * 20 * SIZES.length, checked);
    }

    @Test
    void binaryKindsMatchTheReference() {
        CommandHarness h = new CommandHarness(22);
        for (int threads = 1; threads <= 2; threads++) {
            SimdBackend backend = CommandHarness.backend(threads);
            for (BinaryKind kind : List.of(BinaryKind.ADD, BinaryKind.SUB, BinaryKind.MUL, BinaryKind.DIV,
                    BinaryKind.POW, BinaryKind.MAX, BinaryKind.MIN, BinaryKind.PRELU)) {
                for (int n : SIZES) {
                    Command c = CommandHarness.command(AtomicOp.BINARY, List.of(h.tensor(n), h.tensor(n)),
                            List.of(h.tensor(n)), new Params.Binary(kind));
                    // DIV by values near 0 gives large quotients: the tolerance is relative to the largest
                    h.check(c, backend, 1e-5);
                }
            }
        }
    }

    @Test
    void broadcastOperandsMatchTheReference() {
        CommandHarness h = new CommandHarness(23);
        // {outer, mid, inner}: a scalar, per-channel planes, a repeated row, channels of a batch above the grain
        int[][] shapes = {{1, 1, 70001}, {1, 5, 49}, {6, 33, 1}, {2, 7, 5003}};
        for (int threads = 1; threads <= 2; threads++) {
            SimdBackend backend = CommandHarness.backend(threads);
            for (BinaryKind kind : List.of(BinaryKind.ADD, BinaryKind.SUB, BinaryKind.MUL, BinaryKind.DIV,
                    BinaryKind.MAX, BinaryKind.PRELU)) {
                for (int[] s : shapes) {
                    int n = s[0] * s[1] * s[2];
                    for (int operand = kind == BinaryKind.PRELU ? 1 : 0; operand < 2; operand++) {
                        PlanTensor full = h.tensor(n);
                        PlanTensor small = h.tensor(s[1]);
                        Command c = CommandHarness.command(AtomicOp.BINARY,
                                operand == 1 ? List.of(full, small) : List.of(small, full), List.of(h.tensor(n)),
                                new Params.Binary(kind, new Params.Broadcast(operand, s[0], s[1], s[2])));
                        String name = "vector-" + kind.name().toLowerCase() + "-broadcast";
                        assertEquals(List.of(name), h.check(c, backend, 1e-5), kind + " " + operand);
                    }
                }
            }
        }
    }

    @Test
    void selectPicksByABoolConditionLikeTheReference() {
        CommandHarness h = new CommandHarness(28);
        for (int threads = 1; threads <= 2; threads++) {
            for (int n : SIZES) {
                Command c = CommandHarness.command(AtomicOp.SELECT, List.of(h.tensor(DType.BOOL, n), h.tensor(n),
                        h.tensor(n)), List.of(h.tensor(n)), new Params.Select());
                assertEquals(List.of("select"), h.check(c, CommandHarness.backend(threads), 0));
            }
        }
    }

    @Test
    void reductionsOverContiguousAndStridedAxesMatchTheReference() {
        CommandHarness h = new CommandHarness(23);
        int[][] views = {{1, 1, 1}, {3, 17, 1}, {5, 9, 13}, {1, 1000, 7}, {40, 3, 600}};
        for (int threads = 1; threads <= 2; threads++) {
            SimdBackend backend = CommandHarness.backend(threads);
            for (Params.ReduceKind kind : List.of(Params.ReduceKind.SUM, Params.ReduceKind.MEAN,
                    Params.ReduceKind.MAX, Params.ReduceKind.MIN, Params.ReduceKind.PROD)) {
                for (int[] v : views) {
                    Command c = CommandHarness.command(AtomicOp.REDUCE, List.of(h.tensor(v[0], v[1], v[2])),
                            List.of(h.tensor(v[0], v[2])), new Params.Reduce(kind, v[0], v[1], v[2], false));
                    h.check(c, backend, 1e-4);
                }
            }
        }
    }

    @Test
    void softmaxInEveryModeAndLayerNormMatchTheReference() {
        CommandHarness h = new CommandHarness(24);
        int[][] views = {{1, 1, 1}, {3, 17, 1}, {5, 9, 13}, {64, 768, 1}, {2, 5, 4000}};
        for (int threads = 1; threads <= 2; threads++) {
            SimdBackend backend = CommandHarness.backend(threads);
            for (int[] v : views) {
                int n = v[0] * v[1] * v[2];
                Command softmax = CommandHarness.command(AtomicOp.SOFTMAX, List.of(h.tensor(n)), List.of(h.tensor(n)),
                        new Params.Softmax("softmax", v[0], v[1], v[2]));
                h.check(softmax, backend, 1e-4);
                for (String mode : List.of("log", "hard")) {
                    h.check(CommandHarness.command(AtomicOp.SOFTMAX, List.of(h.tensor(n)), List.of(h.tensor(n)),
                            new Params.Softmax(mode, v[0], v[1], v[2])), backend, 1e-4);
                }
                int rows = v[0] * v[2];
                int cols = v[1];
                Command plain = CommandHarness.command(AtomicOp.LAYER_NORM, List.of(h.tensor(rows, cols),
                        h.constant(cols)), List.of(h.tensor(rows, cols)), new Params.LayerNorm(rows, cols, 1e-5f));
                h.check(plain, backend, 1e-4);
                // with bias, and with the optional Mean and InvStdDev outputs
                Command stats = CommandHarness.command(AtomicOp.LAYER_NORM, List.of(h.tensor(rows, cols),
                        h.tensor(cols), h.tensor(cols)), List.of(h.tensor(rows, cols), h.tensor(rows), h.tensor(rows)),
                        new Params.LayerNorm(rows, cols, 1e-3f));
                h.check(stats, backend, 1e-4);
            }
        }
    }

    @Test
    void maxAndAveragePoolingMatchTheReference() {
        CommandHarness h = new CommandHarness(25);
        // n, c, h, w, kh, kw, sh, sw, pt, pl, pb, pr
        int[][] cases = {{1, 3, 8, 8, 2, 2, 2, 2, 0, 0, 0, 0}, {2, 4, 11, 13, 3, 3, 1, 1, 1, 1, 1, 1},
            {1, 2, 9, 40, 3, 5, 2, 1, 1, 2, 0, 2}, {1, 5, 7, 7, 7, 7, 1, 1, 0, 0, 0, 0}};
        for (int threads = 1; threads <= 2; threads++) {
            SimdBackend backend = CommandHarness.backend(threads);
            for (int[] k : cases) {
                int oh = (k[2] + k[8] + k[10] - k[4]) / k[6] + 1;
                int ow = (k[3] + k[9] + k[11] - k[5]) / k[7] + 1;
                for (String kind : List.of("max", "avg")) {
                    for (boolean includePad : new boolean[] {false, true}) {
                        Command c = CommandHarness.command(AtomicOp.POOL, List.of(h.tensor(k[0], k[1], k[2], k[3])),
                                List.of(h.tensor(k[0], k[1], oh, ow)), new Params.Pool(kind, new int[] {k[4], k[5]},
                                        new int[] {k[6], k[7]}, new int[] {k[8], k[9]}, new int[] {k[10], k[11]},
                                        new int[] {1, 1}, includePad, 0));
                        h.check(c, backend, 1e-4);
                    }
                }
            }
            // 1-d: [N, C, W], kernel 3, stride 2, pads 1/1
            Command oneD = CommandHarness.command(AtomicOp.POOL, List.of(h.tensor(2, 3, 20)),
                    List.of(h.tensor(2, 3, 10)), new Params.Pool("avg", new int[] {3}, new int[] {2}, new int[] {1},
                            new int[] {1}, new int[] {1}, false, 0));
            h.check(oneD, backend, 1e-4);
        }
    }

    @Test
    void resizeInEveryModeAndCoordinateTransformMatchesTheReference() {
        CommandHarness h = new CommandHarness(27);
        List<String> coordinates = List.of("half_pixel", "asymmetric", "align_corners", "pytorch_half_pixel",
                "tf_half_pixel_for_nn", "half_pixel_symmetric", "tf_crop_and_resize");
        int checked = 0;
        for (int threads = 1; threads <= 2; threads++) {
            SimdBackend backend = CommandHarness.backend(threads);
            for (String mode : List.of("nearest", "linear", "cubic")) {
                for (String coordinate : coordinates) {
                    // up x2 on H, down to 5/7 on W, batch and channels unscaled
                    long[] in = {2, 3, 6, 7};
                    long[] out = {2, 3, 12, 5};
                    float[] scales = {1, 1, 2, 5f / 7};
                    float[] roi = {0, 0, 0.1f, 0.2f, 1, 1, 0.9f, 0.7f};
                    Command c = CommandHarness.command(AtomicOp.RESIZE, List.of(h.tensor(in)), List.of(h.tensor(out)),
                            new Params.Resize(mode, coordinate, "round_prefer_floor", -0.75f, mode.equals("cubic"),
                                    -3f, scales, roi));
                    assertEquals(List.of("separable-taps"), h.check(c, backend, 1e-5));
                    checked++;
                }
            }
            // nearest with the other rounding rules on a 1-d signal
            for (String nearest : List.of("floor", "ceil", "round_prefer_ceil")) {
                Command c = CommandHarness.command(AtomicOp.RESIZE, List.of(h.tensor(9)), List.of(h.tensor(20)),
                        new Params.Resize("nearest", "asymmetric", nearest, -0.75f, false, 0, new float[] {20f / 9},
                                null));
                h.check(c, backend, 0);
            }
        }
        assertEquals(2 * 3 * 7, checked);
    }

    /**
     * The OCR detector's FPN upsamples (nearest, asymmetric, floor, integer scales 2 / 4 / 8 on H and W of NCHW):
     * PlaneResize gathers one output row per input row and copies it for the repeated rows; the values must be the
     * inputs bit for bit. Also a non-integer nearest scale (rows not repeated in a regular pattern) and a downscale.
     */
    @Test
    void nearestPlaneUpsamplesCopyInputsExactly() {
        CommandHarness h = new CommandHarness(28);
        long[][][] shapes = {{{1, 5, 4, 6}, {1, 5, 8, 12}}, {{2, 3, 3, 5}, {2, 3, 24, 40}}, {{1, 2, 5, 5}, {1, 2, 20, 20}},
            {{1, 3, 7, 6}, {1, 3, 10, 13}}, {{1, 2, 9, 8}, {1, 2, 4, 3}}};
        for (int threads = 1; threads <= 2; threads++) {
            SimdBackend backend = CommandHarness.backend(threads);
            for (long[][] io : shapes) {
                float[] scales = new float[4];
                for (int a = 0; a < 4; a++) {
                    scales[a] = (float) io[1][a] / io[0][a];
                }
                Command c = CommandHarness.command(AtomicOp.RESIZE, List.of(h.tensor(io[0])), List.of(h.tensor(io[1])),
                        new Params.Resize("nearest", "asymmetric", "floor", -0.75f, false, 0, scales, null));
                assertEquals(List.of("separable-taps"), h.check(c, backend, 0));
            }
        }
    }

    @Test
    void rasterCopiesRowsAndStridedRegionsWithFill() {
        CommandHarness h = new CommandHarness(26);
        SimdBackend backend = CommandHarness.backend(1);
        // a transpose [4,6] -> [6,4] (strided x), plus a row copy of a second source into a padded [8,5]
        PlanTensor a = h.tensor(4, 6);
        Command transpose = CommandHarness.command(AtomicOp.RASTER, List.of(a), List.of(h.tensor(6, 4)),
                new Params.Raster(List.of(Region.of(0, View.of(0, 0, 1, 6), View.of(0, 0, 4, 1), 1, 6, 4)), null));
        assertEquals(List.of("row-copy"), h.check(transpose, backend, 0));
        PlanTensor b = h.tensor(3, 7, 3);
        Command pad = CommandHarness.command(AtomicOp.RASTER, List.of(a, b), List.of(h.tensor(8, 5)),
                new Params.Raster(List.of(Region.of(1, View.of(2, 21, 3, 1), View.of(6, 10, 5, 1), 2, 2, 3),
                        Region.of(0, View.of(1, 0, 6, 2), View.of(0, 0, 5, 1), 1, 1, 3)), -1.5));
        h.check(pad, backend, 0);
    }
}
