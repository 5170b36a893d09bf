package org.walle.engine.simd.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** A row-major sub-matrix {@code data[off + i * ld + j]}; Strassen recurses on quadrants of these. */
public record MatrixView(float[] data, int off, int ld) {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;

    public MatrixView at(int row, int col) {
        return new MatrixView(data, off + row * ld + col, ld);
    }

    public static MatrixView dense(int rows, int cols) {
        return new MatrixView(new float[Math.max(1, rows * cols)], 0, cols);
    }

    /** {@code out = x + sign * y} over {@code rows x cols}. */
    public static void sum(MatrixView x, MatrixView y, float sign, MatrixView out, int rows, int cols) {
        int bound = SP.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int xo = x.off + i * x.ld;
            int yo = y.off + i * y.ld;
            int oo = out.off + i * out.ld;
            int j = 0;
            for (; j < bound; j += SP.length()) {
                FloatVector vx = FloatVector.fromArray(SP, x.data, xo + j);
                FloatVector vy = FloatVector.fromArray(SP, y.data, yo + j);
                vy.fma(FloatVector.broadcast(SP, sign), vx).intoArray(out.data, oo + j);
            }
            for (; j < cols; j++) {
                out.data[oo + j] = x.data[xo + j] + sign * y.data[yo + j];
            }
        }
    }

    /** {@code out = sign * x} ({@code set}) or {@code out += sign * x}. */
    public static void addInto(MatrixView x, float sign, MatrixView out, int rows, int cols, boolean set) {
        int bound = SP.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int xo = x.off + i * x.ld;
            int oo = out.off + i * out.ld;
            int j = 0;
            for (; j < bound; j += SP.length()) {
                FloatVector vx = FloatVector.fromArray(SP, x.data, xo + j);
                FloatVector base = set ? FloatVector.zero(SP) : FloatVector.fromArray(SP, out.data, oo + j);
                vx.fma(FloatVector.broadcast(SP, sign), base).intoArray(out.data, oo + j);
            }
            for (; j < cols; j++) {
                float v = sign * x.data[xo + j];
                out.data[oo + j] = set ? v : out.data[oo + j] + v;
            }
        }
    }
}
