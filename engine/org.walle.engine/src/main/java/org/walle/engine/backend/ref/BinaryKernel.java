package org.walle.engine.backend.ref;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;

/**
 * Element-wise functions of two inputs of the output's size or one of them broadcast. Float operands are
 * computed in double, integer operands in long so int64 stays exact; comparisons write BOOL.
 */
final class BinaryKernel {
    private BinaryKernel() {
    }

    static void run(Command c, Operand[] in, Operand[] out) {
        Params.Binary p = (Params.Binary) c.params();
        BinaryKind k = p.kind();
        int n = c.outputs().get(0).elements();
        Operand a = in[0];
        Operand b = in[1];
        Operand y = out[0];
        boolean floats = a.isFloat() || b.isFloat();
        if (a.isFloat() && b.isFloat() && y.isFloat()) {
            // bulk path: arrays read once, the kind switch is the only per-element branch
            double[] av = doubles(a, p, 0, n);
            double[] bv = doubles(b, p, 1, n);
            for (int i = 0; i < n; i++) {
                av[i] = apply(k, av[i], bv[i]);
            }
            y.setDoubles(av);
            return;
        }
        for (int i = 0; i < n; i++) {
            int ai = index(p, 0, i);
            int bi = index(p, 1, i);
            if (floats) {
                double v = apply(k, a.get(ai), b.get(bi));
                if (y.isFloat()) {
                    y.set(i, v);
                } else {
                    y.setLong(i, (long) v);
                }
            } else {
                y.setLong(i, applyLong(k, a.getLong(ai), b.getLong(bi)));
            }
        }
    }

    /** Where output element {@code i} reads operand {@code operand}. */
    private static int index(Params.Binary p, int operand, int i) {
        Params.Broadcast bc = p.broadcast();
        return bc != null && bc.operand() == operand ? bc.index(i) : i;
    }

    /** Operand {@code operand} as {@code n} doubles, a broadcast operand repeated to that size. */
    private static double[] doubles(Operand x, Params.Binary p, int operand, int n) {
        Params.Broadcast bc = p.broadcast();
        if (bc == null || bc.operand() != operand) {
            return x.toDoubles(n);
        }
        double[] small = x.toDoubles(bc.mid());
        double[] full = new double[n];
        for (int i = 0; i < n; i++) {
            full[i] = small[bc.index(i)];
        }
        return full;
    }

    static void select(Command c, Operand[] in, Operand[] out) {
        int n = c.outputs().get(0).elements();
        Operand y = out[0];
        for (int i = 0; i < n; i++) {
            Operand pick = in[0].getLong(i) != 0 ? in[1] : in[2];
            y.data().copy(y.offset() + i, pick.data(), pick.offset() + i);
        }
    }

    static double apply(BinaryKind k, double a, double b) {
        return switch (k) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAX -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
            case MIN -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
            case MOD -> {
                double r = a % b;
                yield r != 0 && (r < 0) != (b < 0) ? r + b : r;
            }
            case FMOD -> a % b;
            case PRELU -> a < 0 ? a * b : a;
            case EQUAL -> a == b ? 1 : 0;
            case LESS -> a < b ? 1 : 0;
            case LESS_EQUAL -> a <= b ? 1 : 0;
            case GREATER -> a > b ? 1 : 0;
            case GREATER_EQUAL -> a >= b ? 1 : 0;
            case AND -> a != 0 && b != 0 ? 1 : 0;
            case OR -> a != 0 || b != 0 ? 1 : 0;
            case XOR -> (a != 0) != (b != 0) ? 1 : 0;
            default -> applyLong(k, (long) a, (long) b);
        };
    }

    static long applyLong(BinaryKind k, long a, long b) {
        return switch (k) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> (long) Math.pow(a, b);
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case MOD -> Math.floorMod(a, b);
            case FMOD -> a % b;
            case PRELU -> a < 0 ? a * b : a;
            case EQUAL -> a == b ? 1 : 0;
            case LESS -> a < b ? 1 : 0;
            case LESS_EQUAL -> a <= b ? 1 : 0;
            case GREATER -> a > b ? 1 : 0;
            case GREATER_EQUAL -> a >= b ? 1 : 0;
            case AND -> a != 0 && b != 0 ? 1 : 0;
            case OR -> a != 0 || b != 0 ? 1 : 0;
            case XOR -> (a != 0) != (b != 0) ? 1 : 0;
            case BITWISE_AND -> a & b;
            case BITWISE_OR -> a | b;
            case BITWISE_XOR -> a ^ b;
            case SHIFT_LEFT -> a << b;
            case SHIFT_RIGHT -> a >>> b;
        };
    }
}
