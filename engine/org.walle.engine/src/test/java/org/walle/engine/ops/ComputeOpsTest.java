package org.walle.engine.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.walle.engine.ops.OpHarness.op;
import static org.walle.engine.ops.OpHarness.random;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Reference kernels through their ONNX ops, against hand-computed values or an independent formulation. */
class ComputeOpsTest {
    private static Tensor f(long[] dims, float... v) {
        return Tensor.of(Shape.of(dims), v);
    }

    private static long[] d(long... v) {
        return v;
    }

    @Test
    void unaryActivationsMatchHandValues() {
        Tensor x = f(d(4), -2f, -0.5f, 0f, 1f);
        assertArrayEquals(new float[] {0, 0, 0, 1}, op("Relu").in(x).run().toFloatArray());
        assertArrayEquals(new float[] {-0.2f, -0.05f, 0, 1}, op("LeakyRelu").in(x).attr("alpha", 0.1f).run().toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {0.11920292f, 0.37754068f, 0.5f, 0.7310586f}, op("Sigmoid").in(x).run().toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {-0.9953223f, -0.5204999f, 0f, 0.8427008f}, op("Erf").in(x).run().toFloatArray(), 2e-7f);
        assertArrayEquals(new float[] {0.1f, 0.4f, 0.5f, 0.7f}, op("HardSigmoid").in(x).attr("alpha", 0.2f).run().toFloatArray(), 1e-7f);
        // Gelu(1) = 0.5 (1 + erf(1/sqrt 2)) = 0.8413447
        assertEquals(0.8413447f, op("Gelu").in(x).run().get(3), 1e-6f);
        assertArrayEquals(new float[] {0.126928f, 0.474077f, 0.693147f, 1.313262f}, op("Softplus").in(x).run().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-1.5201665f, -0.6917582f, 0, 1.050701f}, op("Selu").in(x).run().toFloatArray(), 1e-6f);
    }

    @Test
    void clipTakesBoundsFromInputsKnownOrNot() {
        Tensor x = f(d(4), -2f, -0.5f, 0f, 3f);
        Tensor lo = Tensor.of(Shape.scalar(), -1f);
        Tensor hi = Tensor.of(Shape.scalar(), 1f);
        float[] want = {-1, -0.5f, 0, 1};
        assertArrayEquals(want, op("Clip").in(x).constant(lo).constant(hi).run().toFloatArray());
        assertArrayEquals(want, op("Clip").in(x).in(lo).in(hi).run().toFloatArray());
        assertArrayEquals(new float[] {-2, -0.5f, 0, 1}, op("Clip").in(x).absent().constant(hi).run().toFloatArray());
    }

    @Test
    void binaryOpsBroadcastLikeNumpy() {
        Tensor a = f(d(2, 1), 1, 2);
        Tensor b = f(d(1, 3), 10, 20, 30);
        assertArrayEquals(new float[] {11, 21, 31, 12, 22, 32}, op("Add").in(a).in(b).run().toFloatArray());
        assertArrayEquals(new float[] {10, 20, 30, 20, 40, 60}, op("Mul").in(a).in(b).run().toFloatArray());
        Tensor m = f(d(4), -7, 7, -7, 7);
        Tensor n = f(d(4), 3, -3, -3, 3);
        assertArrayEquals(new float[] {2, -2, -1, 1}, op("Mod").in(m).in(n).run().toFloatArray(), "Python-style sign");
        assertArrayEquals(new float[] {-1, 1, -1, 1}, op("Mod").in(m).in(n).attr("fmod", 1L).run().toFloatArray(), "C fmod");
        Tensor eq = op("Less").in(a).in(f(d(3), 1.5f, 2f, 3f)).run();
        assertEquals(DType.BOOL, eq.getDType());
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 1}, eq.toFloatArray());
    }

    @Test
    void int64ArithmeticStaysExact() {
        long big = (1L << 53) + 1;
        Tensor a = Tensor.ofLongs(Shape.of(2), big, -big);
        Tensor b = Tensor.ofLongs(Shape.of(1), 2);
        Tensor y = op("Add").in(a).in(b).run();
        assertEquals(big + 2, y.getLong(0));
        assertEquals(-big + 2, y.getLong(1));
        assertEquals(big / 2, op("Div").in(a).in(b).run().getLong(0));
    }

    @Test
    void whereSelectsWithBroadcast() {
        Tensor c = Tensor.wrap(DType.BOOL, Shape.of(2, 1), new byte[] {1, 0});
        Tensor y = op("Where").in(c).in(f(d(3), 1, 2, 3)).in(f(d(1), -1)).run();
        assertArrayEquals(new float[] {1, 2, 3, -1, -1, -1}, y.toFloatArray());
    }

    @Test
    void reductionsOverNonAdjacentAxesMatchLoops() {
        Random rnd = new Random(31);
        Tensor x = random(rnd, 2, 3, 4);
        float[] sum = new float[3];
        double[] sq = new double[3];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    float v = x.get((i * 3 + j) * 4 + k);
                    sum[j] += v;
                    sq[j] += v * v;
                }
            }
        }
        Tensor axes = Tensor.ofLongs(Shape.of(2), 0, -1);
        Tensor s = op("ReduceSum").in(x).constant(axes).attr("keepdims", 0L).run();
        assertEquals(Shape.of(3), s.getShape());
        assertArrayEquals(sum, s.toFloatArray(), 1e-4f);
        Tensor l2 = op("ReduceL2").in(x).attr("axes", new long[] {0, 2}).opset(13).run();
        assertEquals(Shape.of(1, 3, 1), l2.getShape());
        for (int j = 0; j < 3; j++) {
            assertEquals(Math.sqrt(sq[j]), l2.get(j), 1e-4);
        }
        Tensor mean = op("ReduceMean").in(x).attr("keepdims", 0L).run();
        assertEquals(Shape.scalar(), mean.getShape());
        assertEquals((sum[0] + sum[1] + sum[2]) / 24, mean.get(0), 1e-5f);
    }

    @Test
    void argMaxHonoursSelectLastIndex() {
        Tensor x = f(d(2, 3), 1, 5, 5, 7, 2, 7);
        assertArrayEquals(new float[] {1, 0}, op("ArgMax").in(x).attr("axis", 1L).attr("keepdims", 0L).run().toFloatArray());
        assertArrayEquals(new float[] {2, 2}, op("ArgMax").in(x).attr("axis", 1L).attr("keepdims", 0L)
                .attr("select_last_index", 1L).run().toFloatArray());
    }

    @Test
    void batchedMatMulBroadcastsBatchDims() {
        Random rnd = new Random(32);
        Tensor a = random(rnd, 2, 1, 3, 4);
        Tensor b = random(rnd, 3, 4, 5);
        Tensor y = op("MatMul").in(a).in(b).run();
        assertEquals(Shape.of(2, 3, 3, 5), y.getShape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 5; c++) {
                        double acc = 0;
                        for (int k = 0; k < 4; k++) {
                            acc += a.get((i * 3 + r) * 4 + k) * b.get((j * 4 + k) * 5 + c);
                        }
                        assertEquals(acc, y.get(((i * 3 + j) * 3 + r) * 5 + c), 1e-4);
                    }
                }
            }
        }
    }

    @Test
    void gemmWithTransposesAlphaBetaAndBias() {
        Tensor a = f(d(2, 2), 1, 2, 3, 4); // transA: [[1,3],[2,4]]
        Tensor b = f(d(2, 2), 5, 6, 7, 8); // transB: [[5,7],[6,8]]
        Tensor c = f(d(2), 1, -1);
        // [[1,3],[2,4]] x [[5,7],[6,8]] = [[23,31],[34,46]]; *2 + 0.5*[1,-1]
        Tensor y = op("Gemm").in(a).in(b).in(c).attr("transA", 1L).attr("transB", 1L).attr("alpha", 2f).attr("beta", 0.5f).run();
        assertArrayEquals(new float[] {46.5f, 61.5f, 68.5f, 91.5f}, y.toFloatArray());
    }

    /** Direct convolution written independently of the kernels: the triple check for both engine routes. */
    private static float[] naiveConv(Tensor x, Tensor w, Tensor bias, int group, int[] s, int[] p, int[] dl, long[] out) {
        long[] xd = x.getShape().dims();
        long[] wd = w.getShape().dims();
        float[] y = new float[(int) Nd.size(out)];
        for (int i = 0; i < y.length; i++) {
            int[] o = Nd.unravel(i, out);
            int m = o[1];
            int g = m / (int) (wd[0] / group);
            double acc = bias == null ? 0 : bias.get(m);
            for (int c = 0; c < wd[1]; c++) {
                for (int ky = 0; ky < wd[2]; ky++) {
                    for (int kx = 0; kx < wd[3]; kx++) {
                        int iy = o[2] * s[0] - p[0] + ky * dl[0];
                        int ix = o[3] * s[1] - p[1] + kx * dl[1];
                        if (iy >= 0 && iy < xd[2] && ix >= 0 && ix < xd[3]) {
                            int ci = g * (int) wd[1] + c;
                            acc += x.get(Nd.ravel(new int[] {o[0], ci, iy, ix}, xd)) * w.get(Nd.ravel(new int[] {m, c, ky, kx}, wd));
                        }
                    }
                }
            }
            y[i] = (float) acc;
        }
        return y;
    }

    @Test
    void convNativeAndIm2ColRoutesMatchADirectConvolution() {
        Random rnd = new Random(33);
        for (int t = 0; t < 20; t++) {
            int group = 1 + rnd.nextInt(2);
            long cin = group * (1 + rnd.nextInt(2));
            long m = group * (1 + rnd.nextInt(3));
            Tensor x = random(rnd, 1 + rnd.nextInt(2), cin, 3 + rnd.nextInt(4), 3 + rnd.nextInt(4));
            Tensor w = random(rnd, m, cin / group, 1 + rnd.nextInt(3), 1 + rnd.nextInt(3));
            Tensor bias = random(rnd, m);
            int[] s = {1 + rnd.nextInt(2), 1 + rnd.nextInt(2)};
            int[] p = {rnd.nextInt(2), rnd.nextInt(2)};
            int[] dl = {1 + rnd.nextInt(2), 1};
            long[] xd = x.getShape().dims();
            long[] wd = w.getShape().dims();
            long oh = (xd[2] + 2L * p[0] - dl[0] * (wd[2] - 1) - 1) / s[0] + 1;
            long ow = (xd[3] + 2L * p[1] - dl[1] * (wd[3] - 1) - 1) / s[1] + 1;
            if (oh <= 0 || ow <= 0) {
                continue;
            }
            long[] out = {xd[0], m, oh, ow};
            float[] expected = naiveConv(x, w, bias, group, s, p, dl, out);
            for (boolean constantWeights : List.of(true, false)) {
                OpHarness h = op("Conv").in(x);
                if (constantWeights) {
                    h.constant(w).constant(bias);
                } else {
                    h.in(w).in(bias);
                }
                h.attr("group", (long) group).attr("strides", new long[] {s[0], s[1]})
                        .attr("pads", new long[] {p[0], p[1], p[0], p[1]}).attr("dilations", new long[] {dl[0], dl[1]});
                Tensor y = h.run();
                assertEquals(Shape.of(out), y.getShape());
                assertArrayEquals(expected, y.toFloatArray(), 1e-4f, "constant weights " + constantWeights);
            }
        }
    }

    @Test
    void convTransposeMatchesTheOnnxExample() {
        Tensor x = f(d(1, 1, 3, 3), 0, 1, 2, 3, 4, 5, 6, 7, 8);
        float[] ones = new float[18];
        java.util.Arrays.fill(ones, 1);
        Tensor y = op("ConvTranspose").in(x).in(f(d(1, 2, 3, 3), ones)).run();
        assertEquals(Shape.of(1, 2, 5, 5), y.getShape());
        assertArrayEquals(new float[] {0, 1, 3, 3, 2, 3, 8, 15, 12, 7}, java.util.Arrays.copyOf(y.toFloatArray(), 10));
    }

    @Test
    void poolsHandleStridesPadsAndCountIncludePad() {
        Tensor x = f(d(1, 1, 2, 2), 1, 2, 3, 4);
        long[] pads = {1, 1, 1, 1};
        Tensor max = op("MaxPool").in(x).attr("kernel_shape", new long[] {2, 2}).attr("pads", pads).attr("strides", new long[] {2, 2}).run();
        assertArrayEquals(new float[] {1, 2, 3, 4}, max.toFloatArray());
        Tensor avg = op("AveragePool").in(x).attr("kernel_shape", new long[] {2, 2}).attr("pads", pads).run();
        assertEquals(Shape.of(1, 1, 3, 3), avg.getShape());
        assertEquals(2.5f, avg.get(4));
        assertEquals(1f, avg.get(0), "padding excluded from the count");
        Tensor incl = op("AveragePool").in(x).attr("kernel_shape", new long[] {2, 2}).attr("pads", pads)
                .attr("count_include_pad", 1L).run();
        assertEquals(0.25f, incl.get(0));
        assertArrayEquals(new float[] {2.5f}, op("GlobalAveragePool").in(x).run().toFloatArray());
    }

    @Test
    void softmaxFamilyAgreesWithItsDefinition() {
        Tensor x = f(d(2, 3), 1, 2, 3, -1, 0, 1000);
        float[] sm = op("Softmax").in(x).run().toFloatArray();
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(2) / z, sm[1], 1e-6);
        assertEquals(1f, sm[5], 1e-6f, "large inputs do not overflow");
        float[] log = op("LogSoftmax").in(x).run().toFloatArray();
        assertEquals(Math.log(Math.exp(3) / z), log[2], 1e-5);
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 1}, op("Hardmax").in(x).run().toFloatArray());
    }

    @Test
    void layerNormalizationMatchesMeanAndVariance() {
        Tensor x = f(d(2, 4), 1, 2, 3, 4, -1, -1, 1, 1);
        Tensor scale = f(d(4), 1, 1, 2, 2);
        Tensor bias = f(d(4), 0, 0, 0, 1);
        float[] y = op("LayerNormalization").in(x).in(scale).in(bias).attr("epsilon", 0f).run().toFloatArray();
        double sd = Math.sqrt(1.25);
        assertEquals(-1.5 / sd, y[0], 1e-6);
        assertEquals(2 * 1.5 / sd + 1, y[3], 1e-6);
        assertEquals(-1, y[4], 1e-6);
    }

    @Test
    void resizeNearestAndLinearFollowTheOnnxExamples() {
        Tensor x = f(d(1, 1, 2, 2), 1, 2, 3, 4);
        Tensor scales = f(d(4), 1, 1, 2, 2);
        Tensor near = op("Resize").in(x).constant(f(d(0))).constant(scales).attr("mode", "nearest").run();
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, near.toFloatArray());
        Tensor lin = op("Resize").in(x).constant(f(d(0))).constant(scales).attr("mode", "linear").run();
        assertArrayEquals(new float[] {1, 1.25f, 1.75f, 2}, java.util.Arrays.copyOf(lin.toFloatArray(), 4), 1e-6f);
    }

    @Test
    void cumSumAndTopK() {
        Tensor x = f(d(4), 1, 2, 3, 4);
        Tensor axis = Tensor.ofLongs(Shape.scalar(), 0);
        assertArrayEquals(new float[] {1, 3, 6, 10}, op("CumSum").in(x).constant(axis).run().toFloatArray());
        assertArrayEquals(new float[] {9, 7, 4, 0}, op("CumSum").in(x).constant(axis).attr("exclusive", 1L)
                .attr("reverse", 1L).run().toFloatArray());
        List<Tensor> top = op("TopK").in(f(d(5), 3, 1, 3, 5, 2)).constant(Tensor.ofLongs(Shape.of(1), 3)).outputs(2).runAll();
        assertArrayEquals(new float[] {5, 3, 3}, top.get(0).toFloatArray());
        assertArrayEquals(new float[] {3, 0, 2}, top.get(1).toFloatArray(), "ties keep the lower index first");
    }

    @Test
    void castTruncatesTowardZeroAndMakesBooleans() {
        Tensor x = f(d(4), -1.7f, -0.2f, 0f, 2.9f);
        Tensor i = op("Cast").in(x).attr("to", 7L).run();
        assertEquals(DType.INT64, i.getDType());
        assertArrayEquals(new float[] {-1, 0, 0, 2}, i.toFloatArray());
        assertArrayEquals(new float[] {1, 1, 0, 1}, op("Cast").in(x).attr("to", 9L).run().toFloatArray());
    }
}
