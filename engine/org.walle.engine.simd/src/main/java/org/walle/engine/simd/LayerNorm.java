package org.walle.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Layer normalisation over the last axis: {@code y = (x - mean) / sqrt(var + eps) * gamma + beta} per row of
 * {@code cols}. The variance is taken in a second pass over the centred values (not E[x^2] - E[x]^2), which
 * cancels catastrophically for rows with a large mean.
 */
public final class LayerNorm {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;

    private LayerNorm() {
    }

    /** {@code gamma} and {@code beta} hold {@code cols} floats; either may be null (1 and 0). */
    public static void run(float[] x, float[] gamma, float[] beta, float[] y, int rows, int cols, float epsilon,
            int threads) {
        if (rows < 0 || cols < 1) {
            throw new IllegalArgumentException("layer norm needs rows >= 0 and cols >= 1: " + rows + "x" + cols);
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("layer norm epsilon must be >= 0, got " + epsilon);
        }
        int total = Math.multiplyExact(rows, cols);
        Elementwise.check("x", x, total);
        Elementwise.check("y", y, total);
        if (gamma != null) {
            Elementwise.check("gamma", gamma, cols);
        }
        if (beta != null) {
            Elementwise.check("beta", beta, cols);
        }
        Parallel.forRange(threads, rows, Math.max(1, Elementwise.GRAIN / cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                row(x, gamma, beta, y, r * cols, cols, epsilon);
            }
        });
    }

    private static void row(float[] x, float[] gamma, float[] beta, float[] y, int off, int cols, float eps) {
        float mean = Reduce.contiguous(ReduceOp.SUM, x, off, cols) / cols;
        FloatVector vmean = FloatVector.broadcast(SP, mean);
        FloatVector vvar = FloatVector.zero(SP);
        int bound = SP.loopBound(cols);
        int i = 0;
        for (; i < bound; i += SP.length()) {
            FloatVector d = FloatVector.fromArray(SP, x, off + i).sub(vmean);
            vvar = d.fma(d, vvar);
        }
        float var = vvar.reduceLanes(VectorOperators.ADD);
        for (; i < cols; i++) {
            float d = x[off + i] - mean;
            var += d * d;
        }
        float inv = (float) (1 / Math.sqrt(var / cols + eps));
        FloatVector vinv = FloatVector.broadcast(SP, inv);
        i = 0;
        for (; i < bound; i += SP.length()) {
            FloatVector v = FloatVector.fromArray(SP, x, off + i).sub(vmean).mul(vinv);
            if (gamma != null) {
                v = v.mul(FloatVector.fromArray(SP, gamma, i));
            }
            if (beta != null) {
                v = v.add(FloatVector.fromArray(SP, beta, i));
            }
            v.intoArray(y, off + i);
        }
        for (; i < cols; i++) {
            float v = (x[off + i] - mean) * inv;
            y[off + i] = v * (gamma == null ? 1f : gamma[i]) + (beta == null ? 0f : beta[i]);
        }
    }
}
