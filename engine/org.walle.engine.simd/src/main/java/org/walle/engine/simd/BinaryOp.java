package org.walle.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** Elementwise binary functions with vector and scalar forms. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, MAX, MIN, POW;

    public float apply(float a, float b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case POW -> (float) Math.pow(a, b);
        };
    }

    public FloatVector apply(FloatVector a, FloatVector b) {
        return switch (this) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case MAX -> a.max(b);
            case MIN -> a.min(b);
            case POW -> a.lanewise(VectorOperators.POW, b);
        };
    }
}
