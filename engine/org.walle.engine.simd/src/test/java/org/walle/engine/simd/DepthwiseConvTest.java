package org.walle.engine.simd;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The padded-plane depthwise kernel against the scalar definition on the shapes that take its separate paths:
 * the 3x3 register kernel at strides 1, 2 and 3, the 5x5 and 3-wide row kernels, the generic tap loop (7x7,
 * horizontal dilation), channel multipliers, rows narrower than a vector, asymmetric pads and batches. The kernels
 * reuse per-thread scratch planes with stale contents, so the shapes run back to back (large after small and
 * small after large) and each twice: a border that is not re-zeroed would show as a wrong output.
 */
class DepthwiseConvTest {

    static List<Conv2dParams> shapes() {
        return List.of(
                Conv2dParams.of(1, 8, 24, 96, 8, 3, 1, 1).withGroups(8),
                // wide stride-1 3x3 rows go in pairs: an odd row count leaves one single row, 45 a ragged vector
                Conv2dParams.of(1, 3, 13, 45, 3, 3, 1, 1).withGroups(3),
                Conv2dParams.of(1, 6, 3, 5, 6, 3, 1, 1).withGroups(6),
                Conv2dParams.of(2, 5, 17, 23, 5, 3, 2, 1).withGroups(5),
                Conv2dParams.of(1, 4, 20, 31, 4, 3, 3, 1).withGroups(4),
                Conv2dParams.of(1, 7, 12, 40, 7, 5, 1, 2).withGroups(7),
                Conv2dParams.of(1, 7, 13, 41, 7, 5, 2, 2).withGroups(7),
                new Conv2dParams(1, 3, 9, 19, 3, 5, 3, 1, 1, 2, 1, 2, 1, 1, 1, 3),
                Conv2dParams.of(1, 3, 15, 22, 3, 7, 1, 3).withGroups(3),
                Conv2dParams.of(1, 4, 14, 26, 4, 3, 1, 2).withGroups(4).withDilation(2, 2),
                Conv2dParams.of(1, 4, 10, 18, 12, 3, 2, 1).withGroups(4),
                new Conv2dParams(1, 6, 11, 13, 6, 3, 3, 2, 1, 0, 2, 1, 0, 1, 1, 6),
                Conv2dParams.of(1, 2, 1, 1, 2, 1, 1, 0).withGroups(2),
                // column phases (stride 2, 3x3 / 5x5): odd and even widths, rows narrower than a vector, stride
                // (2,1) and (1,2) as in the OCR recogniser, asymmetric pads, vertical dilation, channel multiplier
                Conv2dParams.of(1, 5, 40, 40, 5, 3, 2, 1).withGroups(5),
                Conv2dParams.of(2, 3, 9, 7, 3, 3, 2, 1).withGroups(3),
                new Conv2dParams(1, 4, 12, 37, 4, 3, 3, 1, 2, 1, 1, 1, 1, 1, 1, 4),
                new Conv2dParams(1, 4, 13, 35, 4, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 4),
                new Conv2dParams(1, 3, 12, 41, 3, 5, 5, 2, 1, 2, 2, 2, 2, 1, 1, 3),
                new Conv2dParams(1, 3, 11, 30, 3, 5, 5, 2, 2, 2, 1, 2, 2, 1, 1, 3),
                new Conv2dParams(1, 2, 14, 21, 2, 5, 5, 1, 2, 0, 2, 1, 3, 2, 1, 2),
                new Conv2dParams(1, 2, 10, 19, 6, 3, 3, 2, 2, 0, 1, 1, 0, 2, 1, 2),
                // stride 2 with even left pads, rows of whole vectors only, a 7x7 kernel
                Conv2dParams.of(1, 4, 21, 64, 4, 3, 2, 0).withGroups(4),
                new Conv2dParams(1, 3, 16, 50, 3, 7, 7, 2, 2, 3, 2, 3, 0, 1, 1, 3),
                Conv2dParams.of(1, 6, 3, 80, 6, 5, 1, 2).withGroups(6),
                // narrow planes go through FlatDepthwise (one vector loop over the bordered plane): 3x3 and 5x5,
                // widths at and around its limit, asymmetric and zero pads, a channel multiplier, a batch
                Conv2dParams.of(1, 5, 10, 10, 5, 5, 1, 2).withGroups(5),
                Conv2dParams.of(2, 3, 9, 13, 3, 5, 1, 2).withGroups(3),
                Conv2dParams.of(1, 4, 14, 14, 4, 3, 1, 1).withGroups(4),
                Conv2dParams.of(1, 3, 6, 32, 3, 3, 1, 1).withGroups(3),
                Conv2dParams.of(1, 3, 6, 33, 3, 3, 1, 1).withGroups(3),
                new Conv2dParams(1, 2, 7, 11, 6, 3, 3, 1, 1, 0, 2, 2, 0, 1, 1, 2),
                new Conv2dParams(1, 3, 8, 9, 3, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1, 3));
    }

    @Test
    void everyPathMatchesTheDefinitionWithReusedScratch() {
        Random rnd = new Random(4);
        List<Conv2dParams> shapes = shapes();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < shapes.size(); i++) {
                Conv2dParams p = shapes.get(round == 0 ? i : shapes.size() - 1 - i);
                check(rnd, p, 1);
                check(rnd, p, 2);
            }
        }
    }

    private static void check(Random rnd, Conv2dParams p, int threads) {
        float[] in = Reference.random(rnd, p.inputSize());
        float[] w = Reference.random(rnd, p.weightSize());
        float[] bias = rnd.nextBoolean() ? Reference.random(rnd, p.outChannels()) : null;
        float[] out = new float[p.outputSize()];
        Arrays.fill(out, Float.NaN);
        Conv2d.run(ConvAlgorithm.DEPTHWISE, p, in, w, bias, out, threads);
        Reference.assertClose(ConvReference.conv(p, in, w, bias), out, 1e-5, "depthwise " + p + " threads "
                + threads);
    }
}
