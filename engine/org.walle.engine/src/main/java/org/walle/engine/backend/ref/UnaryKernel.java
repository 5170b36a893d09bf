package org.walle.engine.backend.ref;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.UnaryKind;

/** Element-wise functions of one input. Floats are computed in double and rounded once to the output type. */
final class UnaryKernel {
    private UnaryKernel() {
    }

    static void run(Command c, Operand[] in, Operand[] out) {
        Params.Unary p = (Params.Unary) c.params();
        int n = c.outputs().get(0).elements();
        Operand x = in[0];
        Operand y = out[0];
        if (p.kind() == UnaryKind.CAST) {
            for (int i = 0; i < n; i++) {
                if (x.isFloat()) {
                    y.data().setConverted(y.offset() + i, x.get(i));
                } else if (y.isFloat()) {
                    y.set(i, x.getLong(i));
                } else {
                    y.setLong(i, y.data().dtype() == org.walle.engine.tensor.DType.BOOL ? (x.getLong(i) != 0 ? 1 : 0)
                            : x.getLong(i));
                }
            }
            return;
        }
        if (x.isFloat() && y.isFloat()) {
            double[] v = x.toDoubles(n);
            for (int i = 0; i < n; i++) {
                v[i] = apply(p, v[i]);
            }
            y.setDoubles(v);
            return;
        }
        if (x.isFloat()) {
            boolean boolOut = !y.isFloat();
            for (int i = 0; i < n; i++) {
                double v = apply(p, x.get(i));
                if (boolOut) {
                    y.setLong(i, v != 0 ? 1 : 0);
                } else {
                    y.set(i, v);
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                y.setLong(i, applyLong(p, x.getLong(i), c));
            }
        }
    }

    static double apply(Params.Unary p, double x) {
        double a = p.alpha();
        double b = p.beta();
        return switch (p.kind()) {
            case IDENTITY, CAST -> x;
            case ABS -> Math.abs(x);
            case NEG -> -x;
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case ROUND -> Math.rint(x);
            case SQRT -> Math.sqrt(x);
            case RECIPROCAL -> 1.0 / x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case ERF -> erf(x);
            case SIGN -> Math.signum(x);
            case CLIP -> Double.isNaN(x) ? x : Math.min(Math.max(x, a), b);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case ASIN -> Math.asin(x);
            case ACOS -> Math.acos(x);
            case ATAN -> Math.atan(x);
            case SINH -> Math.sinh(x);
            case COSH -> Math.cosh(x);
            case TANH -> Math.tanh(x);
            case ASINH -> Math.log(x + Math.sqrt(x * x + 1));
            case ACOSH -> Math.log(x + Math.sqrt(x * x - 1));
            case ATANH -> 0.5 * Math.log((1 + x) / (1 - x));
            case RELU -> Math.max(x, 0);
            case LEAKY_RELU -> x < 0 ? a * x : x;
            case ELU -> x < 0 ? a * (Math.exp(x) - 1) : x;
            case SELU -> x <= 0 ? b * a * (Math.exp(x) - 1) : b * x;
            case CELU -> Math.max(0, x) + Math.min(0, a * (Math.exp(x / a) - 1));
            case SIGMOID -> sigmoid(x);
            case HARD_SIGMOID -> Math.max(0, Math.min(1, a * x + b));
            case HARD_SWISH -> x * Math.max(0, Math.min(1, x / 6 + 0.5));
            case SOFTPLUS -> x > 30 ? x : Math.log1p(Math.exp(x));
            case SOFTSIGN -> x / (1 + Math.abs(x));
            case GELU -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case MISH -> x * Math.tanh(x > 30 ? x : Math.log1p(Math.exp(x)));
            case THRESHOLDED_RELU -> x > a ? x : 0;
            case SHRINK -> x < -a ? x + b : x > a ? x - b : 0;
            case NOT -> x == 0 ? 1 : 0;
            case IS_NAN -> Double.isNaN(x) ? 1 : 0;
            case IS_INF -> (x == Double.POSITIVE_INFINITY && a != 0) || (x == Double.NEGATIVE_INFINITY && b != 0) ? 1 : 0;
            case BITWISE_NOT -> throw new IllegalStateException("BitwiseNot on floats");
        };
    }

    private static long applyLong(Params.Unary p, long x, Command c) {
        return switch (p.kind()) {
            case IDENTITY -> x;
            case ABS -> Math.abs(x);
            case NEG -> -x;
            case SIGN -> Long.signum(x);
            case RELU -> Math.max(x, 0);
            case NOT -> x == 0 ? 1 : 0;
            case BITWISE_NOT -> ~x;
            case CLIP -> Math.min(Math.max(x, (long) p.alpha()), (long) p.beta());
            case FLOOR, CEIL, ROUND -> x;
            default -> (long) apply(p, x);
        };
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** erf through the complementary function of Numerical Recipes (fractional error below 1.2e-7). */
    static double erf(double x) {
        double z = Math.abs(x);
        if (z < 0.5) {
            // the series keeps relative precision near zero, where 1 - erfc(x) cancels
            double term = x;
            double sum = x;
            for (int n = 1; n < 30; n++) {
                term *= -x * x / n;
                sum += term / (2 * n + 1);
            }
            return sum * 2 / Math.sqrt(Math.PI);
        }
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - r : r - 1;
    }
}
