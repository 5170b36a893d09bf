package org.walle.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Numerically stable softmax over the middle axis of {@code [outer, axis, inner]} (max subtracted before exp). */
public final class Softmax {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;

    private Softmax() {
    }

    public static void run(float[] x, float[] y, int outer, int axis, int inner, int threads) {
        if (outer < 0 || axis < 1 || inner < 1) {
            throw new IllegalArgumentException("softmax needs outer >= 0, axis >= 1, inner >= 1: " + outer + "x"
                    + axis + "x" + inner);
        }
        int total = Math.multiplyExact(Math.multiplyExact(outer, axis), inner);
        Elementwise.check("x", x, total);
        Elementwise.check("y", y, total);
        Parallel.forRange(threads, outer * inner, Math.max(1, Elementwise.GRAIN / axis), (from, to) -> {
            if (inner == 1) {
                for (int o = from; o < to; o++) {
                    contiguous(x, y, o * axis, axis);
                }
            } else {
                for (int r = from; r < to; r++) {
                    strided(x, y, (r / inner) * axis * inner + r % inner, axis, inner);
                }
            }
        });
    }

    private static void contiguous(float[] x, float[] y, int off, int len) {
        float max = Reduce.contiguous(ReduceOp.MAX, x, off, len);
        FloatVector vmax = FloatVector.broadcast(SP, max);
        FloatVector vsum = FloatVector.zero(SP);
        int i = 0;
        int bound = SP.loopBound(len);
        for (; i < bound; i += SP.length()) {
            FloatVector e = FloatVector.fromArray(SP, x, off + i).sub(vmax).lanewise(VectorOperators.EXP);
            e.intoArray(y, off + i);
            vsum = vsum.add(e);
        }
        float sum = vsum.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            y[off + i] = e;
            sum += e;
        }
        FloatVector scale = FloatVector.broadcast(SP, 1f / sum);
        i = 0;
        for (; i < bound; i += SP.length()) {
            FloatVector.fromArray(SP, y, off + i).mul(scale).intoArray(y, off + i);
        }
        for (; i < len; i++) {
            y[off + i] /= sum;
        }
    }

    /** One column of a non-contiguous axis: the elements are {@code inner} apart. */
    private static void strided(float[] x, float[] y, int off, int axis, int inner) {
        float max = Float.NEGATIVE_INFINITY;
        for (int a = 0; a < axis; a++) {
            max = Math.max(max, x[off + a * inner]);
        }
        float sum = 0;
        for (int a = 0; a < axis; a++) {
            float e = (float) Math.exp(x[off + a * inner] - max);
            y[off + a * inner] = e;
            sum += e;
        }
        for (int a = 0; a < axis; a++) {
            y[off + a * inner] /= sum;
        }
    }
}
