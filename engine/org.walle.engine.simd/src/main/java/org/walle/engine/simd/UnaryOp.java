package org.walle.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** Elementwise unary functions: a vector form for the body and a scalar form for tails (and the tests). */
public enum UnaryOp {
    NEG, ABS, SQUARE, SQRT, RSQRT, RECIPROCAL, EXP, LOG, TANH, SIGMOID, RELU, SILU, FLOOR, CEIL;

    public float apply(float x) {
        return switch (this) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQUARE -> x * x;
            case SQRT -> (float) Math.sqrt(x);
            case RSQRT -> (float) (1 / Math.sqrt(x));
            case RECIPROCAL -> 1f / x;
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> (float) (1 / (1 + Math.exp(-x)));
            case RELU -> x > 0 ? x : 0f;
            case SILU -> (float) (x / (1 + Math.exp(-x)));
            case FLOOR -> (float) Math.floor(x);
            case CEIL -> (float) Math.ceil(x);
        };
    }

    public FloatVector apply(FloatVector v) {
        return switch (this) {
            case NEG -> v.neg();
            case ABS -> v.abs();
            case SQUARE -> v.mul(v);
            case SQRT -> v.sqrt();
            case RSQRT -> FloatVector.broadcast(v.species(), 1f).div(v.sqrt());
            case RECIPROCAL -> FloatVector.broadcast(v.species(), 1f).div(v);
            case EXP -> v.lanewise(VectorOperators.EXP);
            case LOG -> v.lanewise(VectorOperators.LOG);
            case TANH -> v.lanewise(VectorOperators.TANH);
            case SIGMOID -> FloatVector.broadcast(v.species(), 1f).div(v.neg().lanewise(VectorOperators.EXP).add(1f));
            case RELU -> v.max(0f);
            case SILU -> v.div(v.neg().lanewise(VectorOperators.EXP).add(1f));
            case FLOOR, CEIL -> scalarFallback(v);
        };
    }

    /** No rounding lanewise op exists on Java 17's Vector API: round each lane. */
    private FloatVector scalarFallback(FloatVector v) {
        float[] lanes = v.toArray();
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = apply(lanes[i]);
        }
        return FloatVector.fromArray(v.species(), lanes, 0);
    }
}
