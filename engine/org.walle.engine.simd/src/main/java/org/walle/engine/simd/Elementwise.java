package org.walle.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised, multithreaded elementwise kernels. Broadcasting covers the shapes the decomposition produces:
 * {@code a} is viewed as {@code [outer, mid, inner]} and {@code b} as {@code [mid]} aligned with the middle axis,
 * so a trailing vector is {@code inner = 1}, a per-channel NCHW operand is {@code inner = H*W} and a scalar is
 * {@code mid = 1}.
 */
public final class Elementwise {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    /** Fewer elements than this per thread are not worth a fork. */
    static final int GRAIN = 1 << 15;

    private Elementwise() {
    }

    public static void unary(UnaryOp op, float[] x, float[] y, int n, int threads) {
        check("x", x, n);
        check("y", y, n);
        Parallel.forRange(threads, n, GRAIN, (from, to) -> {
            int bound = from + SP.loopBound(to - from);
            // the cheap ops get loops of their own (see row(): a vector out of a switch in the loop is boxed)
            switch (op) {
                case RELU -> relu(x, y, from, bound);
                case NEG -> neg(x, y, from, bound);
                case ABS -> abs(x, y, from, bound);
                default -> {
                    for (int i = from; i < bound; i += SP.length()) {
                        op.apply(FloatVector.fromArray(SP, x, i)).intoArray(y, i);
                    }
                }
            }
            for (int i = bound; i < to; i++) {
                y[i] = op.apply(x[i]);
            }
        });
    }

    private static void relu(float[] x, float[] y, int from, int bound) {
        for (int i = from; i < bound; i += SP.length()) {
            FloatVector.fromArray(SP, x, i).max(0f).intoArray(y, i);
        }
    }

    private static void neg(float[] x, float[] y, int from, int bound) {
        for (int i = from; i < bound; i += SP.length()) {
            FloatVector.fromArray(SP, x, i).neg().intoArray(y, i);
        }
    }

    private static void abs(float[] x, float[] y, int from, int bound) {
        for (int i = from; i < bound; i += SP.length()) {
            FloatVector.fromArray(SP, x, i).abs().intoArray(y, i);
        }
    }

    /** {@code y = min(max(x, lo), hi)}: ReLU6 and friends. */
    public static void clamp(float[] x, float[] y, int n, float lo, float hi, int threads) {
        check("x", x, n);
        check("y", y, n);
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp bounds out of order: " + lo + " > " + hi);
        }
        Parallel.forRange(threads, n, GRAIN, (from, to) -> {
            int i = from;
            int bound = from + SP.loopBound(to - from);
            for (; i < bound; i += SP.length()) {
                FloatVector.fromArray(SP, x, i).max(lo).min(hi).intoArray(y, i);
            }
            for (; i < to; i++) {
                y[i] = Math.min(Math.max(x[i], lo), hi);
            }
        });
    }

    /** Same-shape {@code out = a op b}. */
    public static void binary(BinaryOp op, float[] a, float[] b, float[] out, int n, int threads) {
        binary(op, a, b, out, 1, n, 1, false, threads);
    }

    /**
     * {@code out[o, m, i] = a[o, m, i] op b[m]} (or {@code b[m] op a[o, m, i]} when {@code bFirst}); {@code a}
     * and {@code out} hold {@code outer * mid * inner} floats, {@code b} holds {@code mid}.
     */
    public static void binary(BinaryOp op, float[] a, float[] b, float[] out, int outer, int mid, int inner,
            boolean bFirst, int threads) {
        if (outer < 0 || mid < 0 || inner < 0) {
            throw new IllegalArgumentException("broadcast sizes must be >= 0: " + outer + "x" + mid + "x" + inner);
        }
        long total = (long) outer * mid * inner;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("broadcast of " + total + " elements exceeds a Java array");
        }
        check("a", a, (int) total);
        check("out", out, (int) total);
        if (outer == 1 && inner == 1) {
            check("b", b, mid);
            Parallel.forRange(threads, mid, GRAIN, (from, to) -> row(op, a, b, out, from, from, to - from, bFirst));
        } else if (inner == 1) {
            check("b", b, mid);
            Parallel.forRange(threads, outer, Math.max(1, GRAIN / Math.max(1, mid)), (from, to) -> {
                for (int o = from; o < to; o++) {
                    row(op, a, b, out, o * mid, 0, mid, bFirst);
                }
            });
        } else {
            check("b", b, mid);
            Parallel.forRange(threads, outer * mid, Math.max(1, GRAIN / inner), (from, to) -> {
                for (int r = from; r < to; r++) {
                    rowScalar(op, a, b[r % mid], out, r * inner, inner, bFirst);
                }
            });
        }
    }

    /**
     * One loop per operator, chosen before the loop: a vector produced by a switch or a ternary inside the loop is
     * merged at a join point, which C2 (JDK 17) cannot keep in a register; it boxes every vector and the loop runs
     * ~40x slower (measured 0.25 GFLOP/s on the OCR recogniser's Adds).
     */
    private static void row(BinaryOp op, float[] a, float[] b, float[] out, int aOff, int bOff, int len,
            boolean bFirst) {
        float[] x = bFirst ? b : a;
        float[] y = bFirst ? a : b;
        int xOff = bFirst ? bOff : aOff;
        int yOff = bFirst ? aOff : bOff;
        int bound = SP.loopBound(len);
        int step = SP.length();
        switch (op) {
            case ADD -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector.fromArray(SP, x, xOff + i).add(FloatVector.fromArray(SP, y, yOff + i))
                            .intoArray(out, aOff + i);
                }
            }
            case SUB -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector.fromArray(SP, x, xOff + i).sub(FloatVector.fromArray(SP, y, yOff + i))
                            .intoArray(out, aOff + i);
                }
            }
            case MUL -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector.fromArray(SP, x, xOff + i).mul(FloatVector.fromArray(SP, y, yOff + i))
                            .intoArray(out, aOff + i);
                }
            }
            case DIV -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector.fromArray(SP, x, xOff + i).div(FloatVector.fromArray(SP, y, yOff + i))
                            .intoArray(out, aOff + i);
                }
            }
            case MAX -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector.fromArray(SP, x, xOff + i).max(FloatVector.fromArray(SP, y, yOff + i))
                            .intoArray(out, aOff + i);
                }
            }
            case MIN -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector.fromArray(SP, x, xOff + i).min(FloatVector.fromArray(SP, y, yOff + i))
                            .intoArray(out, aOff + i);
                }
            }
            default -> bound = 0; // POW: the scalar loop below (Math.pow has no cheap vector form anyway)
        }
        for (int i = bound; i < len; i++) {
            out[aOff + i] = op.apply(x[xOff + i], y[yOff + i]);
        }
    }

    /** {@code out = a op b} over a row with one {@code b}; one loop per operator, as in {@link #row}. */
    private static void rowScalar(BinaryOp op, float[] a, float b, float[] out, int off, int len, boolean bFirst) {
        int bound = SP.loopBound(len);
        int step = SP.length();
        FloatVector vb = FloatVector.broadcast(SP, b);
        switch (op) {
            case ADD -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector.fromArray(SP, a, off + i).add(vb).intoArray(out, off + i);
                }
            }
            case MUL -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector.fromArray(SP, a, off + i).mul(vb).intoArray(out, off + i);
                }
            }
            case SUB -> {
                if (bFirst) {
                    for (int i = 0; i < bound; i += step) {
                        vb.sub(FloatVector.fromArray(SP, a, off + i)).intoArray(out, off + i);
                    }
                } else {
                    for (int i = 0; i < bound; i += step) {
                        FloatVector.fromArray(SP, a, off + i).sub(vb).intoArray(out, off + i);
                    }
                }
            }
            case DIV -> {
                if (bFirst) {
                    for (int i = 0; i < bound; i += step) {
                        vb.div(FloatVector.fromArray(SP, a, off + i)).intoArray(out, off + i);
                    }
                } else {
                    for (int i = 0; i < bound; i += step) {
                        FloatVector.fromArray(SP, a, off + i).div(vb).intoArray(out, off + i);
                    }
                }
            }
            case MAX -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector.fromArray(SP, a, off + i).max(vb).intoArray(out, off + i);
                }
            }
            case MIN -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector.fromArray(SP, a, off + i).min(vb).intoArray(out, off + i);
                }
            }
            default -> bound = 0; // POW: the scalar loop
        }
        for (int i = bound; i < len; i++) {
            out[off + i] = bFirst ? op.apply(b, a[off + i]) : op.apply(a[off + i], b);
        }
    }

    static void check(String name, float[] array, int needed) {
        if (array == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (array.length < needed) {
            throw new IllegalArgumentException(name + " holds " + array.length + " floats, needs " + needed);
        }
    }
}
