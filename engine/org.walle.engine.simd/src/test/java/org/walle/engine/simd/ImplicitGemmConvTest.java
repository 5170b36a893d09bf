package org.walle.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.walle.engine.simd.internal.GemmKernel;
import org.walle.engine.simd.internal.ImplicitGemmConv;
import org.walle.engine.simd.internal.PhasePlanes;

/**
 * Implicit GEMM against the scalar definition (1e-4 of the largest |output|, float accumulation over K up to 2000)
 * on the shapes that take its separate paths: several row blocks with a ragged last quad (70 output channels of
 * K = 1998), several kc blocks, pointwise inputs used in place whose last panels would read past the array
 * (gathered with bounds), stride 2 and 3 phase planes with dilation, a 1x1 stride-2 conv that reads one phase only,
 * the recogniser's 1x3 conv, groups and batches. The output array is longer than the output and NaN-filled: a
 * write past the output or a missed pixel fails.
 */
class ImplicitGemmConvTest {

    static List<Conv2dParams> shapes() {
        return List.of(
                Conv2dParams.of(1, 222, 7, 9, 70, 3, 1, 1),
                Conv2dParams.of(2, 40, 11, 13, 9, 3, 1, 1),
                Conv2dParams.of(1, 300, 5, 7, 20, 1, 1, 0),
                Conv2dParams.of(1, 7, 3, 5, 5, 1, 1, 0),
                Conv2dParams.of(1, 6, 23, 21, 8, 3, 2, 1).withDilation(2, 2),
                Conv2dParams.of(2, 4, 17, 19, 6, 5, 3, 2),
                Conv2dParams.of(1, 12, 16, 16, 10, 1, 2, 0),
                new Conv2dParams(1, 16, 1, 40, 12, 1, 3, 1, 1, 0, 1, 0, 1, 1, 1, 1),
                new Conv2dParams(1, 9, 12, 17, 12, 3, 3, 2, 1, 1, 0, 2, 1, 1, 1, 3),
                Conv2dParams.of(1, 3, 64, 64, 16, 3, 2, 1),
                Conv2dParams.of(1, 16, 40, 40, 32, 1, 1, 0),
                // a last group of one output channel (13 = 2 x 6 + 1), stored straight by the 4-row kernel
                Conv2dParams.of(1, 5, 9, 33, 13, 3, 1, 1));
    }

    @Test
    void matchesTheDefinitionOnEveryPath() {
        Random rnd = new Random(31);
        int checked = 0;
        for (Conv2dParams p : shapes()) {
            float[] in = Reference.random(rnd, p.inputSize());
            float[] w = Reference.random(rnd, p.weightSize());
            float[] bias = rnd.nextBoolean() ? Reference.random(rnd, p.outChannels()) : null;
            float[] expected = ConvReference.conv(p, in, w, bias);
            GemmKernel.PackedA[] packed = ImplicitGemmConv.packWeights(p, w);
            PhasePlanes planes = new PhasePlanes(p);
            for (int threads = 1; threads <= 2; threads++) {
                float[] out = new float[p.outputSize() + 37];
                Arrays.fill(out, Float.NaN);
                ImplicitGemmConv.run(p, planes, in, packed, bias, out, threads);
                Reference.assertClose(expected, Arrays.copyOf(out, p.outputSize()), 1e-4,
                        "implicit GEMM " + p + " threads " + threads);
                for (int i = p.outputSize(); i < out.length; i++) {
                    assertTrue(Float.isNaN(out[i]), "wrote past the output at " + i + " for " + p);
                }
                checked++;
            }
        }
        assertEquals(2 * shapes().size(), checked);
    }

    @Test
    void planesUseTheInputInPlaceOnlyWithoutStrideAndPadding() {
        assertTrue(new PhasePlanes(Conv2dParams.of(1, 8, 10, 10, 4, 1, 1, 0)).direct());
        assertTrue(new PhasePlanes(Conv2dParams.of(1, 8, 10, 10, 4, 3, 1, 0)).direct());
        assertTrue(!new PhasePlanes(Conv2dParams.of(1, 8, 10, 10, 4, 3, 1, 1)).direct());
        PhasePlanes strided = new PhasePlanes(Conv2dParams.of(1, 8, 10, 10, 4, 3, 2, 1));
        assertEquals(4, strided.phases());
        assertEquals(1, new PhasePlanes(Conv2dParams.of(1, 8, 10, 10, 4, 1, 2, 0)).phases());
        // 3x3 stride 2 on 10x10 pad 1: 5x5 outputs, phase planes 6 wide, 4 * 6 + 5 columns
        assertEquals(6, strided.rowLength());
        assertEquals(29, strided.columns());
    }
}
