package org.walle.engine.simd.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The activation {@code min(max(x, lo), hi)} (ReLU: lo 0, hi infinity; ReLU6 and Clip). GEMM kernels that know
 * it clamp each MR x NR block right after the micro-kernel stored it, while it is in L1 ({@link #applyPanel}): as
 * a row function applied per output row it took 0.25-0.7 ms of a 64-channel 112x112 pointwise conv's 1.3 ms.
 * Clamping the accumulators inside the micro-kernel ({@code if (clamp != null)} before the stores) made C2 box
 * them once both branches had run: the layers became 3-15x slower.
 */
public record ClampRows(float lo, float hi) implements RowFunction {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();

    @Override
    public void apply(float[] a, int off, int rows, int stride, int len) {
        for (int r = 0, o = off; r < rows; r++, o += stride) {
            int bound = o + SP.loopBound(len);
            int i = o;
            for (; i < bound; i += SP.length()) {
                FloatVector.fromArray(SP, a, i).max(lo).min(hi).intoArray(a, i);
            }
            for (; i < o + len; i++) {
                a[i] = Math.min(Math.max(a[i], lo), hi);
            }
        }
    }

    /** Clamps {@code rows} rows of {@link MicroKernel#NR} floats, {@code ld} apart from {@code off}. */
    void applyPanel(float[] a, int off, int ld, int rows) {
        FloatVector vlo = FloatVector.broadcast(SP, lo);
        FloatVector vhi = FloatVector.broadcast(SP, hi);
        for (int r = 0, o = off; r < rows; r++, o += ld) {
            FloatVector.fromArray(SP, a, o).max(vlo).min(vhi).intoArray(a, o);
            FloatVector.fromArray(SP, a, o + L).max(vlo).min(vhi).intoArray(a, o + L);
        }
    }
}
