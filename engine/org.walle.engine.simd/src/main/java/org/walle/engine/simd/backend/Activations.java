package org.walle.engine.simd.backend;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.simd.Parallel;

/**
 * The parameterised activations of ONNX models that {@link org.walle.engine.simd.UnaryOp} lacks (LeakyRelu,
 * HardSigmoid, HardSwish, Elu, Softplus, Erf, Gelu and its tanh form) and PRelu, vectorised with the same
 * definitions as the reference kernels: a vector body, the scalar tail computed in double.
 */
final class Activations {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int GRAIN = 1 << 15;
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    /** Taylor coefficients of erf: 2/sqrt(pi) (-1)^n / (n! (2n + 1)), enough terms for |x| < 0.5 in float. */
    private static final float[] ERF_SERIES = new float[9];

    /** erf is 1 in float beyond this (erf(4) = 1 - 1.5e-8). */
    private static final float ERF_CLAMP = 4f;
    /** Numerator of the rational erf, coefficients of {@code z^(2i+1)}. */
    private static final float[] ERF_P = {1.1283786296844482f, 0.2140154093503952f, 0.05244307965040207f,
        0.004296021070331335f, 1.556032948428765e-4f, -1.990460305023589e-6f, 1.9213642232784878e-8f};
    /** Denominator of the rational erf, coefficients of {@code z^(2i)}. */
    private static final float[] ERF_Q = {1f, 0.5229938626289368f, 0.12082905322313309f, 0.015557210892438889f,
        0.0010987399145960808f};

    static {
        double factorial = 1;
        for (int n = 0; n < ERF_SERIES.length; n++) {
            factorial *= n == 0 ? 1 : n;
            ERF_SERIES[n] = (float) ((n % 2 == 0 ? 1 : -1) * TWO_OVER_SQRT_PI / (factorial * (2 * n + 1)));
        }
    }

    private Activations() {
    }

    static boolean covers(UnaryKind kind) {
        return switch (kind) {
            case LEAKY_RELU, HARD_SIGMOID, HARD_SWISH, ELU, SOFTPLUS, ERF, GELU, GELU_TANH -> true;
            default -> false;
        };
    }

    static void unary(UnaryKind kind, float alpha, float beta, float[] x, float[] y, int n, int threads) {
        Parallel.forRange(threads, n, GRAIN, (from, to) -> range(kind, alpha, beta, x, y, from, to));
    }

    /** {@code y[from, to) = kind(x[from, to))}. */
    static void range(UnaryKind kind, float alpha, float beta, float[] x, float[] y, int from, int to) {
        int bound = from + SP.loopBound(to - from);
        // the cheap ones get loops of their own: a vector out of a switch inside a loop is boxed by C2 (~40x)
        switch (kind) {
            case HARD_SWISH -> hardSwish(x, y, from, bound);
            case HARD_SIGMOID -> hardSigmoid(alpha, beta, x, y, from, bound);
            case LEAKY_RELU -> leakyRelu(alpha, x, y, from, bound);
            case ERF -> erfLoop(x, y, from, bound, 1f, 0f, 1f);
            case GELU -> erfLoop(x, y, from, bound, (float) (1 / Math.sqrt(2)), 0.5f, 0f);
            default -> {
                for (int i = from; i < bound; i += SP.length()) {
                    apply(kind, alpha, FloatVector.fromArray(SP, x, i)).intoArray(y, i);
                }
            }
        }
        for (int i = bound; i < to; i++) {
            y[i] = (float) apply(kind, alpha, beta, x[i]);
        }
    }

    /**
     * {@code y = erf(x * inScale) * (x * half + one) + x * half}: Erf with (inScale 1, half 0, one 1), Gelu with
     * (1/sqrt 2, 0.5, 0). erf is a rational function {@code z P(z^2) / Q(z^2)} of the argument clamped to [-4, 4]
     * (erf(4) is 1 in float): numerator degree 13, denominator degree 8, fitted to erf on [0, 4] by reweighted least
     * squares (max error 5.5e-8 in double, 3.1e-7 evaluated in float). One division and eleven FMAs per vector: the
     * Taylor series plus erfc fit with its exp (the reference's formula) made Gelu 0.35 ms of the transformer
     * block's 3.5 on one thread. Written out in the loop: as a call that C2 does not inline its vectors were boxed.
     */
    private static void erfLoop(float[] x, float[] y, int from, int bound, float inScale, float half, float one) {
        for (int i = from; i < bound; i += SP.length()) {
            FloatVector v = FloatVector.fromArray(SP, x, i);
            FloatVector z = v.mul(inScale).max(-ERF_CLAMP).min(ERF_CLAMP);
            FloatVector z2 = z.mul(z);
            FloatVector num = z2.fma(ERF_P[6], ERF_P[5]);
            num = num.fma(z2, FloatVector.broadcast(SP, ERF_P[4]));
            num = num.fma(z2, FloatVector.broadcast(SP, ERF_P[3]));
            num = num.fma(z2, FloatVector.broadcast(SP, ERF_P[2]));
            num = num.fma(z2, FloatVector.broadcast(SP, ERF_P[1]));
            num = num.fma(z2, FloatVector.broadcast(SP, ERF_P[0]));
            FloatVector den = z2.fma(ERF_Q[4], ERF_Q[3]);
            den = den.fma(z2, FloatVector.broadcast(SP, ERF_Q[2]));
            den = den.fma(z2, FloatVector.broadcast(SP, ERF_Q[1]));
            den = den.fma(z2, FloatVector.broadcast(SP, ERF_Q[0]));
            FloatVector e = z.mul(num).div(den);
            FloatVector hv = v.mul(half);
            e.fma(hv.add(one), hv).intoArray(y, i);
        }
    }

    private static void hardSwish(float[] x, float[] y, int from, int bound) {
        for (int i = from; i < bound; i += SP.length()) {
            FloatVector v = FloatVector.fromArray(SP, x, i);
            v.mul(v.mul(1f / 6).add(0.5f).max(0f).min(1f)).intoArray(y, i);
        }
    }

    private static void hardSigmoid(float a, float b, float[] x, float[] y, int from, int bound) {
        for (int i = from; i < bound; i += SP.length()) {
            FloatVector.fromArray(SP, x, i).mul(a).add(b).max(0f).min(1f).intoArray(y, i);
        }
    }

    private static void leakyRelu(float a, float[] x, float[] y, int from, int bound) {
        for (int i = from; i < bound; i += SP.length()) {
            FloatVector v = FloatVector.fromArray(SP, x, i);
            v.blend(v.mul(a), v.lt(0f)).intoArray(y, i);
        }
    }

    /** PRelu: {@code a < 0 ? a * slope : a}, slope already expanded to a's size. */
    static void prelu(float[] a, float[] slope, float[] y, int n, int threads) {
        Parallel.forRange(threads, n, GRAIN, (from, to) -> {
            int i = from;
            int bound = from + SP.loopBound(to - from);
            for (; i < bound; i += SP.length()) {
                FloatVector v = FloatVector.fromArray(SP, a, i);
                v.blend(v.mul(FloatVector.fromArray(SP, slope, i)), v.lt(0f)).intoArray(y, i);
            }
            for (; i < to; i++) {
                y[i] = a[i] < 0 ? a[i] * slope[i] : a[i];
            }
        });
    }

    /** PRelu with the slope repeated: element {@code (o, m, i)} of {@code outer x mid x inner} takes slope m. */
    static void prelu(float[] a, float[] slope, float[] y, int outer, int mid, int inner, int threads) {
        Parallel.forRange(threads, outer * mid, Math.max(1, GRAIN / inner), (from, to) -> {
            for (int r = from; r < to; r++) {
                float s = slope[r % mid];
                int i = r * inner;
                int end = i + inner;
                int bound = i + SP.loopBound(inner);
                for (; i < bound; i += SP.length()) {
                    FloatVector v = FloatVector.fromArray(SP, a, i);
                    v.blend(v.mul(s), v.lt(0f)).intoArray(y, i);
                }
                for (; i < end; i++) {
                    y[i] = a[i] < 0 ? a[i] * s : a[i];
                }
            }
        });
    }

    /** The kinds {@link #range} has no loop of its own for (LeakyRelu, HardSigmoid, HardSwish, Erf, Gelu have). */
    private static FloatVector apply(UnaryKind kind, float a, FloatVector v) {
        return switch (kind) {
            case ELU -> v.blend(v.lanewise(VectorOperators.EXPM1).mul(a), v.lt(0f));
            case SOFTPLUS -> v.lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P).blend(v, v.compare(VectorOperators.GT, 30f));
            case GELU_TANH -> v.mul(0.5f).mul(v.mul(v).mul(v).mul(0.044715f).add(v)
                    .mul((float) Math.sqrt(2 / Math.PI)).lanewise(VectorOperators.TANH).add(1f));
            default -> throw new IllegalArgumentException("no vector form of " + kind);
        };
    }

    /** The reference kernel's scalar definitions (UnaryKernel.apply), for the tails. */
    private static double apply(UnaryKind kind, double a, double b, double x) {
        return switch (kind) {
            case LEAKY_RELU -> x < 0 ? a * x : x;
            case HARD_SIGMOID -> Math.max(0, Math.min(1, a * x + b));
            case HARD_SWISH -> x * Math.max(0, Math.min(1, x / 6 + 0.5));
            case ELU -> x < 0 ? a * (Math.exp(x) - 1) : x;
            case SOFTPLUS -> x > 30 ? x : Math.log1p(Math.exp(x));
            case ERF -> erf(x);
            case GELU -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            default -> throw new IllegalArgumentException("no scalar form of " + kind);
        };
    }

    private static double erf(double x) {
        double z = Math.abs(x);
        if (z < 0.5) {
            double x2 = x * x;
            double s = ERF_SERIES[ERF_SERIES.length - 1];
            for (int n = ERF_SERIES.length - 2; n >= 0; n--) {
                s = s * x2 + ERF_SERIES[n];
            }
            return s * x;
        }
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - r : r - 1;
    }
}
