package org.walle.engine.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pools one plane at a time through a scratch copy whose border holds the neutral value (-inf for max, 0 for
 * average), so every window tap reads inside the array. Each output row is first computed at stride 1 as whole
 * vectors (one max/add sweep per tap over a row buffer in L1), then every strideW-th value is kept; averages divide
 * by the count of real (non-pad) cells unless the pad counts.
 */
final class PoolRows {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();

    private final PoolParams p;
    private final boolean max;
    private final boolean includePad;
    private final int paddedWidth;
    private final float[] padded;
    private final float[] rowBuf;
    private final int width;

    PoolRows(PoolParams p, boolean max, boolean includePad) {
        this.p = p;
        this.max = max;
        this.includePad = includePad;
        int dense = (p.outWidth() - 1) * p.strideW() + 1;
        this.width = (dense + L - 1) / L * L;
        this.paddedWidth = Math.max(p.padLeft() + p.width() + p.padRight(), width + p.kernelW() - 1);
        int rows = Math.max(p.padTop() + p.height() + p.padBottom(), (p.outHeight() - 1) * p.strideH() + p.kernelH());
        this.padded = new float[rows * paddedWidth];
        if (max) {
            Arrays.fill(padded, Float.NEGATIVE_INFINITY);
        }
        this.rowBuf = new float[width];
    }

    void plane(float[] x, float[] y, int plane) {
        int h = p.height();
        int w = p.width();
        int in = plane * h * w;
        for (int r = 0; r < h; r++) {
            System.arraycopy(x, in + r * w, padded, (r + p.padTop()) * paddedWidth + p.padLeft(), w);
        }
        int oh = p.outHeight();
        int ow = p.outWidth();
        int out = plane * oh * ow;
        for (int oy = 0; oy < oh; oy++) {
            int top = oy * p.strideH() * paddedWidth;
            System.arraycopy(padded, top, rowBuf, 0, width);
            boolean first = true;
            for (int ky = 0; ky < p.kernelH(); ky++) {
                for (int kx = 0; kx < p.kernelW(); kx++) {
                    if (first) {
                        first = false;
                        continue;
                    }
                    sweep(top + ky * paddedWidth + kx);
                }
            }
            emit(y, out + oy * ow, oy);
        }
    }

    /** Two loops rather than one with a ternary: a vector merged at a join point is boxed by C2 (JDK 17). */
    private void sweep(int src) {
        if (max) {
            for (int c = 0; c < width; c += L) {
                FloatVector.fromArray(SP, rowBuf, c).max(FloatVector.fromArray(SP, padded, src + c))
                        .intoArray(rowBuf, c);
            }
        } else {
            for (int c = 0; c < width; c += L) {
                FloatVector.fromArray(SP, rowBuf, c).add(FloatVector.fromArray(SP, padded, src + c))
                        .intoArray(rowBuf, c);
            }
        }
    }

    private void emit(float[] y, int outRow, int oy) {
        int s = p.strideW();
        int ow = p.outWidth();
        if (max) {
            for (int ox = 0; ox < ow; ox++) {
                y[outRow + ox] = rowBuf[ox * s];
            }
            return;
        }
        int y0 = oy * p.strideH() - p.padTop();
        int rowsIn = includePad ? p.kernelH() : Math.min(p.height(), y0 + p.kernelH()) - Math.max(0, y0);
        for (int ox = 0; ox < ow; ox++) {
            int x0 = ox * s - p.padLeft();
            int colsIn = includePad ? p.kernelW() : Math.min(p.width(), x0 + p.kernelW()) - Math.max(0, x0);
            y[outRow + ox] = rowBuf[ox * s] / (rowsIn * colsIn);
        }
    }
}
