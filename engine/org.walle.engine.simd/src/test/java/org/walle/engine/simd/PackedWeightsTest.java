package org.walle.engine.simd;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.walle.engine.simd.internal.GemmKernel;
import org.walle.engine.simd.internal.Im2colConv;

/**
 * A packed once (constant weights) must give the same products as packing at every call: several k blocks,
 * row blocks whose mc is not a multiple of the 4-row micro-panel, ragged last quads, 1-3 threads, and im2col
 * convolutions (pointwise, chunked, grouped) run with their packed weights against the scalar definition.
 * Operands packed for another shape or kc are refused with a message naming both.
 */
class PackedWeightsTest {

    @Test
    void gemmWithPackedAMatchesTheReference() {
        int[][] shapes = {{4, 33, 7}, {37, 41, 200}, {130, 19, 300}, {9, 70, 16}};
        GemmTiling[] tilings = {new GemmTiling(5, 7), new GemmTiling(16, 64), new GemmTiling(96, 256)};
        Random rnd = new Random(11);
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] a = Reference.random(rnd, m * k);
            float[] b = Reference.random(rnd, k * n);
            float[] expected = Reference.gemm(a, b, m, n, k);
            for (GemmTiling t : tilings) {
                GemmKernel.PackedA packed = GemmKernel.pack(a, 0, k, m, k, t);
                GemmKernel.PackedB packedB = GemmKernel.packB(b, 0, n, k, n, t);
                for (int threads = 1; threads <= 3; threads++) {
                    for (int mode = 0; mode < 3; mode++) {
                        // A packed, B packed, both packed
                        float[] c = new float[m * n];
                        GemmKernel.multiply(a, 0, k, mode == 1 ? null : packed, b, 0, n, mode == 0 ? null : packedB,
                                c, 0, n, m, n, k, false, t, threads);
                        Reference.assertClose(expected, c, 1e-4, "packed mode " + mode + " " + m + "x" + n + "x" + k
                                + " " + t + " threads " + threads);
                    }
                }
            }
        }
    }

    @Test
    void packedAForAnotherShapeIsRefused() {
        float[] a = new float[8 * 8];
        GemmKernel.PackedA packed = GemmKernel.pack(a, 0, 8, 8, 8, new GemmTiling(16, 64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmKernel.multiply(a, 0, 8,
                packed, new float[64], 0, 8, new float[64], 0, 8, 4, 8, 8, false, new GemmTiling(16, 64), 1));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("8x8"), e.getMessage());
        GemmKernel.PackedB packedB = GemmKernel.packB(a, 0, 8, 8, 8, new GemmTiling(16, 64));
        e = assertThrows(IllegalArgumentException.class, () -> GemmKernel.multiply(a, 0, 8, null, new float[64], 0,
                4, packedB, new float[64], 0, 4, 8, 4, 8, false, new GemmTiling(16, 64), 1));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("B was packed for 8x8"), e.getMessage());
    }

    @Test
    void im2colWithPackedWeightsMatchesTheDefinition() {
        Random rnd = new Random(12);
        Conv2dParams[] shapes = {Conv2dParams.of(1, 16, 30, 29, 24, 3, 1, 1), Conv2dParams.of(2, 8, 12, 13, 6, 1, 1, 0),
            Conv2dParams.of(1, 6, 25, 23, 9, 3, 1, 1).withGroups(3), Conv2dParams.of(1, 3, 50, 47, 4, 3, 2, 1)};
        for (Conv2dParams p : shapes) {
            float[] in = Reference.random(rnd, p.inputSize());
            float[] w = Reference.random(rnd, p.weightSize());
            float[] bias = Reference.random(rnd, p.outChannels());
            GemmKernel.PackedA[] packed = Im2colConv.packWeights(p, w);
            for (int threads = 1; threads <= 2; threads++) {
                float[] out = new float[p.outputSize()];
                Im2colConv.run(p, in, w, packed, bias, out, threads);
                Reference.assertClose(ConvReference.conv(p, in, w, bias), out, 1e-4, "packed im2col " + p);
            }
        }
    }
}
