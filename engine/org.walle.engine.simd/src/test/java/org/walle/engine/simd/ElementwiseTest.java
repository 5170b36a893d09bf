package org.walle.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Elementwise kernels against Math.* in double. Tolerance 1e-6 relative (+1e-6 absolute) for exact IEEE ops; 2e-6
 * for the vector EXP/LOG/TANH/POW intrinsics (SVML-class, a few ulp).
 */
class ElementwiseTest {

    private static final int[] SIZES = {1, 7, 8, 17, 100, 1031, 70001};

    @Test
    void unaryMatchesScalarOnEverySizeIncludingTails() {
        Random rnd = new Random(5);
        for (UnaryOp op : UnaryOp.values()) {
            for (int n : SIZES) {
                float[] x = new float[n];
                for (int i = 0; i < n; i++) {
                    float v = rnd.nextFloat() * 8 - 4;
                    x[i] = switch (op) {
                        case SQRT, RSQRT, LOG -> Math.abs(v) + 0.01f;
                        case RECIPROCAL -> v >= 0 ? v + 0.1f : v - 0.1f;
                        default -> v;
                    };
                }
                float[] y = new float[n];
                Elementwise.unary(op, x, y, n, 2);
                for (int i = 0; i < n; i++) {
                    double e = expected(op, x[i]);
                    // the message is built only on failure: eager strings made this test 10x slower
                    if (!(Math.abs(e - y[i]) <= 2e-6 * Math.abs(e) + 1e-6)) {
                        assertEquals(e, y[i], 2e-6 * Math.abs(e) + 1e-6, op + " n=" + n + " x=" + x[i]);
                    }
                }
            }
        }
    }

    private static double expected(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQUARE -> x * x;
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1 / Math.sqrt(x);
            case RECIPROCAL -> 1 / x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case RELU -> Math.max(0, x);
            case SILU -> x / (1 + Math.exp(-x));
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
        };
    }

    @Test
    void binaryBroadcastsTrailingVectorChannelAndScalar() {
        Random rnd = new Random(9);
        int[][] shapes = {{1, 1031, 1}, {13, 37, 1}, {3, 5, 49}, {2, 1, 23}, {40, 17, 1}, {1, 3, 70001}};
        for (BinaryOp op : BinaryOp.values()) {
            for (int[] s : shapes) {
                int total = s[0] * s[1] * s[2];
                float[] a = Reference.random(rnd, total);
                float[] b = Reference.random(rnd, s[1]);
                if (op == BinaryOp.POW) {
                    for (int i = 0; i < total; i++) {
                        a[i] = Math.abs(a[i]) + 0.1f;
                    }
                }
                for (boolean bFirst : new boolean[] {false, true}) {
                    if (bFirst && op == BinaryOp.POW) {
                        continue;
                    }
                    float[] out = new float[total];
                    Elementwise.binary(op, a, b, out, s[0], s[1], s[2], bFirst, 2);
                    for (int i = 0; i < total; i++) {
                        float bv = b[(i / s[2]) % s[1]];
                        double e = bFirst ? op.apply(bv, a[i]) : op.apply(a[i], bv);
                        if (!(Math.abs(e - out[i]) <= 2e-6 * Math.abs(e) + 1e-6)) {
                            assertEquals(e, out[i], 2e-6 * Math.abs(e) + 1e-6, op + " " + java.util.Arrays.toString(s)
                                    + " bFirst=" + bFirst + " at " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void clampIsRelu6() {
        float[] x = {-3, 0, 2, 6, 9, 5.5f, -0.1f, 7, 1, 1, 1};
        float[] y = new float[x.length];
        Elementwise.clamp(x, y, x.length, 0, 6, 1);
        assertEquals(0, y[0]);
        assertEquals(6, y[4]);
        assertEquals(5.5f, y[5]);
    }

    /** Hostile input: short arrays, negative sizes, reversed clamp bounds. */
    @Test
    void rejectsBadInput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Elementwise.binary(BinaryOp.ADD, new float[6], new float[2], new float[6], 2, 3, 1, false, 1));
        assertTrue(e.getMessage().startsWith("b holds 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Elementwise.unary(UnaryOp.EXP, new float[3], new float[2], 3, 1));
        assertTrue(e.getMessage().startsWith("y holds"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Elementwise.binary(BinaryOp.ADD, new float[6], new float[2], new float[6], -1, 3, 1, false, 1));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Elementwise.clamp(new float[1], new float[1], 1, 6, 0,
                1));
        assertTrue(e.getMessage().contains("out of order"), e.getMessage());
    }
}
