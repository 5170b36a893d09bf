package org.walle.engine.simd.internal;

/**
 * An element function applied in place to {@code a[off, off + len)}: a convolution's fused activation, run by the
 * kernel on each block of output it has just written (still in L1) instead of another pass over the whole output.
 */
@FunctionalInterface
public interface RowFunction {
    void apply(float[] a, int off, int len);
}
