package org.walle.engine.simd.internal;

/**
 * An element function applied in place to {@code rows} runs of {@code len} floats, {@code stride} apart from
 * {@code off}: a convolution's fused activation, run by the kernel on each block of output it has just written (still
 * in L1) instead of another pass over the whole output. One call covers a block's rows, so the per-call dispatch is
 * paid per block rather than per 16-float row.
 */
@FunctionalInterface
public interface RowFunction {
    void apply(float[] a, int off, int rows, int stride, int len);
}
