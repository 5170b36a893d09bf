package org.walle.engine.simd.backend;

import org.walle.engine.decompose.Params;
import org.walle.engine.simd.Parallel;

/**
 * The common RESIZE of image models (an NCHW upsample or downsample that leaves N and C alone): per plane and
 * output row, the row taps and column taps are looped directly, with zero-weight taps dropped when the plan is
 * prepared. That replaces the generic kernel's per-output recursion over every axis (about 100x slower on the OCR
 * detector's FPN upsamples). Sums stay in double, as in the reference kernel.
 */
final class PlaneResize {
    private static final int GRAIN = 1 << 12;

    private final int planes;
    private final int inH;
    private final int inW;
    private final int outH;
    private final int outW;
    private final int[] rowCount;
    private final int[] rowIndex;
    private final double[] rowWeight;
    private final int[] colCount;
    private final int[] colIndex;
    private final double[] colWeight;
    private final int taps;
    /** Every output reads exactly one input with weight 1 (nearest mode): rows are gathers or copies. */
    private final boolean pick;

    PlaneResize(long[] xd, long[] yd, int[][] offsets, double[][] weights, int taps) {
        int rank = xd.length;
        this.taps = taps;
        this.inH = (int) xd[rank - 2];
        this.inW = (int) xd[rank - 1];
        this.outH = (int) yd[rank - 2];
        this.outW = (int) yd[rank - 1];
        int n = 1;
        for (int a = 0; a < rank - 2; a++) {
            n *= (int) yd[a];
        }
        this.planes = n;
        rowCount = new int[outH];
        rowIndex = new int[outH * taps];
        rowWeight = new double[outH * taps];
        compact(offsets[rank - 2], weights[rank - 2], outH, rowCount, rowIndex, rowWeight);
        colCount = new int[outW];
        colIndex = new int[outW * taps];
        colWeight = new double[outW * taps];
        compact(offsets[rank - 1], weights[rank - 1], outW, colCount, colIndex, colWeight);
        pick = single(rowCount, rowWeight, taps) && single(colCount, colWeight, taps);
    }

    private static boolean single(int[] count, double[] weight, int taps) {
        for (int o = 0; o < count.length; o++) {
            if (count[o] != 1 || weight[o * taps] != 1) {
                return false;
            }
        }
        return true;
    }

    /** Rank >= 2, no extrapolation, and every leading axis maps output i to input i with weight 1. */
    static boolean applies(Params.Resize p, long[] xd, long[] yd, int[][] offsets, double[][] weights, int taps) {
        int rank = xd.length;
        if (rank < 2 || p.coordinate().equals("tf_crop_and_resize")) {
            return false;
        }
        int stride = 1;
        for (int a = rank - 1; a >= 0; a--) {
            if (a < rank - 2) {
                if (xd[a] != yd[a]) {
                    return false;
                }
                for (int o = 0; o < yd[a]; o++) {
                    boolean identity = false;
                    for (int t = 0; t < taps; t++) {
                        double w = weights[a][o * taps + t];
                        if (w == 1 && offsets[a][o * taps + t] == o * stride) {
                            identity = true;
                        } else if (w != 0) {
                            return false;
                        }
                    }
                    if (!identity) {
                        return false;
                    }
                }
            }
            stride *= (int) xd[a];
        }
        return true;
    }

    private void compact(int[] offsets, double[] weights, int len, int[] count, int[] index, double[] weight) {
        for (int o = 0; o < len; o++) {
            int k = 0;
            for (int t = 0; t < taps; t++) {
                double w = weights[o * taps + t];
                if (w != 0) {
                    index[o * taps + k] = offsets[o * taps + t];
                    weight[o * taps + k] = w;
                    k++;
                }
            }
            count[o] = k;
        }
    }

    void run(float[] x, float[] y, int threads) {
        if (pick) {
            Parallel.forRange(threads, planes, Math.max(1, GRAIN / (outH * outW)), (from, to) -> {
                for (int plane = from; plane < to; plane++) {
                    pickPlane(x, plane * inH * inW, y, plane * outH * outW);
                }
            });
            return;
        }
        int rows = planes * outH;
        Parallel.forRange(threads, rows, Math.max(1, GRAIN / outW), (from, to) -> {
            for (int r = from; r < to; r++) {
                int plane = r / outH;
                int oy = r % outH;
                row(x, plane * inH * inW, y, r * outW, oy);
            }
        });
    }

    /**
     * Nearest resize of one plane: an output row gathers its input row at the column indices, and an output row
     * reading the same input row as the one above is a copy of it (an integer upsample gathers 1 row in s). The
     * values are the inputs themselves, exactly what the reference's weight-1 sum gives.
     */
    private void pickPlane(float[] x, int inPlane, float[] y, int outPlane) {
        for (int oy = 0; oy < outH; oy++) {
            int dst = outPlane + oy * outW;
            int srcRow = rowIndex[oy * taps];
            if (oy > 0 && srcRow == rowIndex[(oy - 1) * taps]) {
                System.arraycopy(y, dst - outW, y, dst, outW);
                continue;
            }
            int src = inPlane + srcRow;
            for (int ox = 0; ox < outW; ox++) {
                y[dst + ox] = x[src + colIndex[ox * taps]];
            }
        }
    }

    private void row(float[] x, int inPlane, float[] y, int outRow, int oy) {
        int nh = rowCount[oy];
        for (int ox = 0; ox < outW; ox++) {
            int nw = colCount[ox];
            double s = 0;
            for (int th = 0; th < nh; th++) {
                int src = inPlane + rowIndex[oy * taps + th];
                double part = 0;
                for (int tw = 0; tw < nw; tw++) {
                    part += colWeight[ox * taps + tw] * x[src + colIndex[ox * taps + tw]];
                }
                s += rowWeight[oy * taps + th] * part;
            }
            y[outRow + ox] = (float) s;
        }
    }
}
