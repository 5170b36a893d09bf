package org.walle.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reductions, softmax, layer norm and pooling against double-precision scalar loops. */
class NormTest {

    private static final int[][] SHAPES = {{1, 1, 1}, {3, 17, 1}, {2, 1031, 1}, {4, 9, 13}, {2, 5, 33}, {1, 64, 8}};

    @Test
    void reduceEveryOpAndLayoutWithin1e5Relative() {
        Random rnd = new Random(11);
        for (ReduceOp op : ReduceOp.values()) {
            for (int[] s : SHAPES) {
                float[] x = Reference.random(rnd, s[0] * s[1] * s[2]);
                if (op == ReduceOp.PROD) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = 0.9f + x[i] * 0.1f;
                    }
                }
                float[] y = new float[s[0] * s[2]];
                Reduce.run(op, x, y, s[0], s[1], s[2], 2);
                for (int o = 0; o < s[0]; o++) {
                    for (int i = 0; i < s[2]; i++) {
                        double acc = op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY
                                : op == ReduceOp.MIN ? Double.POSITIVE_INFINITY : op == ReduceOp.PROD ? 1 : 0;
                        for (int a = 0; a < s[1]; a++) {
                            double v = x[(o * s[1] + a) * s[2] + i];
                            acc = switch (op) {
                                case MAX -> Math.max(acc, v);
                                case MIN -> Math.min(acc, v);
                                case PROD -> acc * v;
                                case SUM_SQUARE, L2 -> acc + v * v;
                                case L1 -> acc + Math.abs(v);
                                default -> acc + v;
                            };
                        }
                        if (op == ReduceOp.MEAN) {
                            acc /= s[1];
                        } else if (op == ReduceOp.L2) {
                            acc = Math.sqrt(acc);
                        }
                        assertEquals(acc, y[o * s[2] + i], 1e-5 * Math.max(1, Math.abs(acc)), op + " " + o + "," + i);
                    }
                }
            }
        }
    }

    @Test
    void softmaxRowsSumToOneAndMatchReferenceEvenForHugeLogits() {
        Random rnd = new Random(12);
        for (int[] s : SHAPES) {
            float[] x = Reference.random(rnd, s[0] * s[1] * s[2]);
            x[0] = 1000f; // would overflow exp without the max shift
            float[] y = new float[x.length];
            Softmax.run(x, y, s[0], s[1], s[2], 2);
            for (int o = 0; o < s[0]; o++) {
                for (int i = 0; i < s[2]; i++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int a = 0; a < s[1]; a++) {
                        max = Math.max(max, x[(o * s[1] + a) * s[2] + i]);
                    }
                    double sum = 0;
                    for (int a = 0; a < s[1]; a++) {
                        sum += Math.exp(x[(o * s[1] + a) * s[2] + i] - max);
                    }
                    for (int a = 0; a < s[1]; a++) {
                        int idx = (o * s[1] + a) * s[2] + i;
                        assertEquals(Math.exp(x[idx] - max) / sum, y[idx], 1e-6, "softmax at " + idx);
                    }
                }
            }
        }
    }

    @Test
    void layerNormWithLargeMeanStaysAccurate() {
        Random rnd = new Random(13);
        for (int cols : new int[] {1, 7, 64, 129, 768}) {
            int rows = 5;
            float[] x = Reference.random(rnd, rows * cols);
            for (int i = 0; i < x.length; i++) {
                x[i] += 1000f;
            }
            float[] gamma = Reference.random(rnd, cols);
            float[] beta = Reference.random(rnd, cols);
            float[] y = new float[x.length];
            LayerNorm.run(x, gamma, beta, y, rows, cols, 1e-5f, 2);
            for (int r = 0; r < rows; r++) {
                double mean = 0;
                for (int c = 0; c < cols; c++) {
                    mean += x[r * cols + c];
                }
                mean /= cols;
                double var = 0;
                for (int c = 0; c < cols; c++) {
                    var += (x[r * cols + c] - mean) * (x[r * cols + c] - mean);
                }
                double inv = 1 / Math.sqrt(var / cols + 1e-5);
                for (int c = 0; c < cols; c++) {
                    double e = (x[r * cols + c] - mean) * inv * gamma[c] + beta[c];
                    assertEquals(e, y[r * cols + c], 2e-3, "layernorm cols=" + cols + " at " + r + "," + c);
                }
            }
        }
    }

    @Test
    void poolingMaxAndAverageWithPadsAndStrides() {
        Random rnd = new Random(14);
        PoolParams[] cases = {PoolParams.of(1, 3, 9, 11, 3, 1, 1), PoolParams.of(2, 2, 14, 15, 3, 2, 1),
            PoolParams.of(1, 4, 8, 40, 2, 2, 0), new PoolParams(1, 2, 10, 33, 3, 5, 1, 1, 0, 2, 1, 4),
            PoolParams.of(1, 1, 5, 5, 5, 1, 0)};
        for (PoolParams p : cases) {
            float[] x = Reference.random(rnd, p.inputSize());
            for (int mode = 0; mode < 3; mode++) {
                float[] y = new float[p.outputSize()];
                if (mode == 0) {
                    Pooling.max(p, x, y, 2);
                } else {
                    Pooling.average(p, x, y, mode == 2, 2);
                }
                int oh = p.outHeight();
                int ow = p.outWidth();
                for (int pl = 0; pl < p.batch() * p.channels(); pl++) {
                    for (int oy = 0; oy < oh; oy++) {
                        for (int ox = 0; ox < ow; ox++) {
                            double acc = mode == 0 ? Double.NEGATIVE_INFINITY : 0;
                            int count = 0;
                            for (int ky = 0; ky < p.kernelH(); ky++) {
                                for (int kx = 0; kx < p.kernelW(); kx++) {
                                    int iy = oy * p.strideH() - p.padTop() + ky;
                                    int ix = ox * p.strideW() - p.padLeft() + kx;
                                    if (iy >= 0 && iy < p.height() && ix >= 0 && ix < p.width()) {
                                        double v = x[(pl * p.height() + iy) * p.width() + ix];
                                        acc = mode == 0 ? Math.max(acc, v) : acc + v;
                                        count++;
                                    }
                                }
                            }
                            if (mode > 0) {
                                acc /= mode == 2 ? p.kernelH() * p.kernelW() : count;
                            }
                            assertEquals(acc, y[(pl * oh + oy) * ow + ox], 1e-5, p + " mode " + mode);
                        }
                    }
                }
            }
        }
    }

    /** Hostile input: zero-size axes, short gamma, negative epsilon, pads as large as the kernel. */
    @Test
    void rejectsBadInput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Reduce.run(ReduceOp.SUM, new float[4], new float[4], 1, 0, 4, 1));
        assertTrue(e.getMessage().contains("axis >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LayerNorm.run(new float[8], new float[3], null, new float[8], 2, 4, 1e-5f, 1));
        assertTrue(e.getMessage().startsWith("gamma holds 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LayerNorm.run(new float[8], null, null, new float[8], 2, 4, -1f, 1));
        assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PoolParams.of(1, 1, 5, 5, 2, 1, 2));
        assertTrue(e.getMessage().contains("smaller than the kernel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Softmax.run(new float[4], new float[3], 1, 4, 1, 1));
        assertTrue(e.getMessage().startsWith("y holds 3"), e.getMessage());
    }
}
