package org.walle.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reduction of the middle axis of {@code x = [outer, axis, inner]} into {@code y = [outer, inner]}. A contiguous
 * axis ({@code inner = 1}) is reduced with vector accumulators then across lanes; otherwise whole inner rows are
 * combined vector-wise, which keeps the loads unit-stride.
 */
public final class Reduce {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;

    private Reduce() {
    }

    public static void run(ReduceOp op, float[] x, float[] y, int outer, int axis, int inner, int threads) {
        if (outer < 0 || axis < 1 || inner < 0) {
            throw new IllegalArgumentException("reduce needs outer, inner >= 0 and axis >= 1: " + outer + "x" + axis
                    + "x" + inner);
        }
        Elementwise.check("x", x, Math.multiplyExact(Math.multiplyExact(outer, axis), inner));
        Elementwise.check("y", y, outer * inner);
        int grain = Math.max(1, Elementwise.GRAIN / Math.max(1, axis * inner));
        Parallel.forRange(threads, outer, grain, (from, to) -> {
            for (int o = from; o < to; o++) {
                if (inner == 1) {
                    y[o] = op.finish(contiguous(op, x, o * axis, axis), axis);
                } else {
                    strided(op, x, y, o, axis, inner);
                }
            }
        });
    }

    static float contiguous(ReduceOp op, float[] x, int off, int len) {
        FloatVector acc = FloatVector.broadcast(SP, op.identity());
        int i = 0;
        int bound = SP.loopBound(len);
        for (; i < bound; i += SP.length()) {
            acc = op.combine(acc, op.map(FloatVector.fromArray(SP, x, off + i)));
        }
        float s = op.reduceLanes(acc);
        for (; i < len; i++) {
            s = op.combine(s, op.map(x[off + i]));
        }
        return s;
    }

    private static void strided(ReduceOp op, float[] x, float[] y, int o, int axis, int inner) {
        int yOff = o * inner;
        int bound = SP.loopBound(inner);
        int i = 0;
        for (; i < bound; i += SP.length()) {
            FloatVector acc = FloatVector.broadcast(SP, op.identity());
            for (int a = 0; a < axis; a++) {
                acc = op.combine(acc, op.map(FloatVector.fromArray(SP, x, (o * axis + a) * inner + i)));
            }
            acc.intoArray(y, yOff + i);
            for (int l = 0; l < SP.length(); l++) {
                y[yOff + i + l] = op.finish(y[yOff + i + l], axis);
            }
        }
        for (; i < inner; i++) {
            float s = op.identity();
            for (int a = 0; a < axis; a++) {
                s = op.combine(s, op.map(x[(o * axis + a) * inner + i]));
            }
            y[yOff + i] = op.finish(s, axis);
        }
    }
}
