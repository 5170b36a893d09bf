package org.walle.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** Reductions over one axis: identity, per-element map, combine, and finish (MEAN divides, L2 takes the root). */
public enum ReduceOp {
    SUM, MEAN, MAX, MIN, PROD, SUM_SQUARE, L1, L2;

    public float identity() {
        return switch (this) {
            case MAX -> Float.NEGATIVE_INFINITY;
            case MIN -> Float.POSITIVE_INFINITY;
            case PROD -> 1f;
            default -> 0f;
        };
    }

    float map(float x) {
        return switch (this) {
            case SUM_SQUARE, L2 -> x * x;
            case L1 -> Math.abs(x);
            default -> x;
        };
    }

    FloatVector map(FloatVector x) {
        return switch (this) {
            case SUM_SQUARE, L2 -> x.mul(x);
            case L1 -> x.abs();
            default -> x;
        };
    }

    float combine(float acc, float x) {
        return switch (this) {
            case MAX -> Math.max(acc, x);
            case MIN -> Math.min(acc, x);
            case PROD -> acc * x;
            default -> acc + x;
        };
    }

    FloatVector combine(FloatVector acc, FloatVector x) {
        return switch (this) {
            case MAX -> acc.max(x);
            case MIN -> acc.min(x);
            case PROD -> acc.mul(x);
            default -> acc.add(x);
        };
    }

    float reduceLanes(FloatVector v) {
        return switch (this) {
            case MAX -> v.reduceLanes(VectorOperators.MAX);
            case MIN -> v.reduceLanes(VectorOperators.MIN);
            case PROD -> v.reduceLanes(VectorOperators.MUL);
            default -> v.reduceLanes(VectorOperators.ADD);
        };
    }

    float finish(float acc, int count) {
        return switch (this) {
            case MEAN -> acc / count;
            case L2 -> (float) Math.sqrt(acc);
            default -> acc;
        };
    }
}
