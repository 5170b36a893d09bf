package org.walle.engine.simd.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;

/**
 * CONV / CONV_DEPTHWISE / CONV_TRANSPOSE commands against the reference kernel with every algorithm offered. Tolerance relative to
 * the largest |output|: 1e-4, except 1e-3 when Winograd F(6,3) is among the algorithms (its transform entries
 * reach 21/4, so rounding of the ~40x larger intermediate terms shows; see Conv2dTest).
 */
class SimdConvTest {

    /** n, c, h, w, m, kh, kw, stride, padTop, padLeft, padEndExtra, dilation, group, bias. */
    private static final int[][] CASES = {
        {1, 3, 8, 8, 4, 3, 3, 1, 1, 1, 0, 1, 1, 1},
        {2, 5, 11, 9, 7, 3, 3, 1, 1, 1, 0, 1, 1, 0},
        {1, 4, 13, 10, 6, 3, 3, 2, 1, 0, 1, 1, 1, 1},
        {1, 6, 9, 9, 4, 3, 3, 1, 2, 2, 0, 2, 2, 1},
        {1, 8, 10, 7, 8, 3, 3, 1, 1, 1, 0, 1, 8, 1},
        {2, 4, 7, 12, 8, 5, 5, 2, 2, 2, 1, 1, 4, 0},
        {1, 3, 6, 6, 5, 1, 1, 1, 0, 0, 0, 1, 1, 1},
        {1, 2, 5, 17, 3, 2, 4, 3, 0, 1, 2, 1, 1, 1},
    };

    @Test
    void everyOfferedAlgorithmMatchesTheReferenceOnVariedGeometries() {
        CommandHarness h = new CommandHarness(11);
        Set<String> seen = new HashSet<>();
        for (int threads = 1; threads <= 2; threads++) {
            SimdBackend backend = CommandHarness.backend(threads);
            for (int[] k : CASES) {
                for (boolean constantWeights : new boolean[] {true, false}) {
                    Command c = conv2d(h, k, constantWeights);
                    List<String> names = new ArrayList<>(backend.onCreate(c) instanceof
                            org.walle.engine.backend.Creation.Supported s
                                    ? s.algorithms().stream().map(a -> a.name()).toList() : List.of());
                    double tol = names.contains("winograd-f6") ? 1e-3 : 1e-4;
                    seen.addAll(h.check(c, backend, tol));
                }
            }
        }
        assertEquals(Set.of("sliding-window", "im2col-gemm", "winograd-f2", "winograd-f4", "winograd-f6",
                "depthwise", "implicit-gemm"), seen);
    }

    @Test
    void fusedActivationsAreAppliedByEveryAlgorithm() {
        CommandHarness h = new CommandHarness(15);
        List<Params.Unary> activations = List.of(Params.Unary.of(UnaryKind.RELU),
                new Params.Unary(UnaryKind.CLIP, 0, 0.5f, null), Params.Unary.of(UnaryKind.HARD_SWISH),
                new Params.Unary(UnaryKind.HARD_SIGMOID, 0.2f, 0.5f, null),
                new Params.Unary(UnaryKind.LEAKY_RELU, 0.1f, 0, null), Params.Unary.of(UnaryKind.SIGMOID));
        for (Params.Unary a : activations) {
            for (int[] k : new int[][] {CASES[0], CASES[4], CASES[5], CASES[6]}) {
                Command plain = conv2d(h, k, true);
                Command c = new Command(k[12] == k[1] ? AtomicOp.CONV_DEPTHWISE : AtomicOp.CONV, plain.node(),
                        plain.inputs(), plain.outputs(), ((Params.Conv) plain.params()).withActivation(a));
                for (int threads = 1; threads <= 2; threads++) {
                    // the reference applies the activation after its convolution: same order of rounding
                    assertTrue(!h.check(c, CommandHarness.backend(threads), 1e-4).isEmpty(), a.toString());
                }
            }
        }
    }

    @Test
    void depthwiseCommandsOfferTheDepthwiseKernel() {
        CommandHarness h = new CommandHarness(12);
        int[] k = {1, 16, 15, 15, 16, 3, 3, 1, 1, 1, 0, 1, 16, 1};
        Command c = conv2d(h, k, true);
        Command depthwise = new Command(AtomicOp.CONV_DEPTHWISE, c.node(), c.inputs(), c.outputs(), c.params());
        for (int threads = 1; threads <= 2; threads++) {
            List<String> names = h.check(depthwise, CommandHarness.backend(threads), 1e-4);
            assertTrue(names.contains("depthwise") && !names.contains("winograd-f4"), names.toString());
        }
    }

    @Test
    void oneDimensionalConvIsAHeightOneImage() {
        CommandHarness h = new CommandHarness(13);
        for (int threads = 1; threads <= 2; threads++) {
            PlanTensor x = h.tensor(2, 3, 19);
            PlanTensor w = h.constant(4, 3, 5);
            PlanTensor b = h.constant(4);
            // stride 2, pads 2 / 1, dilation 2: out = (19 + 3 - 9) / 2 + 1 = 7
            Command c = CommandHarness.command(AtomicOp.CONV, List.of(x, w, b), List.of(h.tensor(2, 4, 7)),
                    new Params.Conv(1, new int[] {5}, new int[] {2}, new int[] {2}, new int[] {2}, null));
            List<String> names = h.check(c, CommandHarness.backend(threads), 1e-4);
            assertTrue(names.contains("im2col-gemm"), names.toString());
        }
    }

    @Test
    void transposedConvolutionsMatchTheReference() {
        CommandHarness h = new CommandHarness(14);
        // n, c, h, w, m, k, stride, pad, dilation, group, extra output rows/cols (output_padding), bias
        int[][] cases = {{1, 4, 5, 6, 3, 2, 2, 0, 1, 1, 0, 1}, {2, 6, 7, 5, 4, 3, 2, 1, 1, 2, 1, 0},
            {1, 3, 4, 4, 2, 3, 1, 1, 2, 1, 0, 1}, {1, 8, 9, 3, 8, 4, 3, 2, 1, 8, 2, 1}, {1, 16, 12, 12, 16, 2, 2, 0, 1, 1, 0, 1},
            // columns of more than 32 Ki floats: multiplied and scattered in passes of 1 or 2 input rows, with
            // overlapping windows (kernel > stride) across pass boundaries, groups and a batch
            {1, 5, 9, 70, 64, 3, 2, 1, 1, 1, 0, 1}, {2, 4, 6, 40, 96, 4, 2, 1, 1, 2, 0, 0},
            {1, 3, 7, 60, 24, 3, 2, 1, 1, 1, 0, 1}};
        for (int threads = 1; threads <= 2; threads++) {
            for (int[] k : cases) {
                for (boolean constantWeights : new boolean[] {true, false}) {
                    int oh = (k[2] - 1) * k[6] - 2 * k[7] + k[8] * (k[5] - 1) + 1 + k[10];
                    int ow = (k[3] - 1) * k[6] - 2 * k[7] + k[8] * (k[5] - 1) + 1 + k[10];
                    int mg = k[4] / k[9];
                    PlanTensor w = constantWeights ? h.constant(k[1], mg, k[5], k[5]) : h.tensor(k[1], mg, k[5], k[5]);
                    List<PlanTensor> in = new ArrayList<>(List.of(h.tensor(k[0], k[1], k[2], k[3]), w));
                    if (k[11] == 1) {
                        in.add(h.constant(k[4]));
                    }
                    Command c = CommandHarness.command(AtomicOp.CONV_TRANSPOSE, in, List.of(h.tensor(k[0], k[4], oh, ow)),
                            new Params.Conv(k[9], new int[] {k[5], k[5]}, new int[] {k[6], k[6]},
                                    new int[] {k[7], k[7]}, new int[] {k[8], k[8]}, null));
                    assertEquals(List.of("gemm-col2im"), h.check(c, CommandHarness.backend(threads), 1e-4));
                }
            }
            // 1-d: [1, 3, 10] -> kernel 3, stride 2, pad 1 -> 19
            Command oneD = CommandHarness.command(AtomicOp.CONV_TRANSPOSE, List.of(h.tensor(1, 3, 10),
                    h.constant(3, 2, 3)), List.of(h.tensor(1, 2, 19)), new Params.Conv(1, new int[] {3},
                            new int[] {2}, new int[] {1}, new int[] {1}, null));
            h.check(oneD, CommandHarness.backend(threads), 1e-4);
        }
    }

    /** The end pads are not in Params.Conv: the geometry derives them from the output size. */
    static Command conv2d(CommandHarness h, int[] k, boolean constantWeights) {
        int n = k[0];
        int c = k[1];
        int height = k[2];
        int width = k[3];
        int m = k[4];
        int kh = k[5];
        int kw = k[6];
        int stride = k[7];
        int pt = k[8];
        int pl = k[9];
        int extra = k[10];
        int dil = k[11];
        int group = k[12];
        int oh = (height + pt + pt + extra - dil * (kh - 1) - 1) / stride + 1;
        int ow = (width + pl + pl + extra - dil * (kw - 1) - 1) / stride + 1;
        PlanTensor x = h.tensor(n, c, height, width);
        PlanTensor w = constantWeights ? h.constant(m, c / group, kh, kw) : h.tensor(m, c / group, kh, kw);
        List<PlanTensor> in = new ArrayList<>(List.of(x, w));
        if (k[13] == 1) {
            in.add(h.constant(m));
        }
        boolean depthwise = group > 1 && group == c && m == group;
        return CommandHarness.command(depthwise ? AtomicOp.CONV_DEPTHWISE : AtomicOp.CONV, in,
                List.of(h.tensor(n, m, oh, ow)), new Params.Conv(group, new int[] {kh, kw},
                        new int[] {stride, stride}, new int[] {pt, pl}, new int[] {dil, dil}, null));
    }
}
