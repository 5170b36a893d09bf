package org.walle.engine.backend.ref;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;

/**
 * ONNX Resize (nearest, N-linear, N-cubic) following the ONNX reference: per axis, each output coordinate maps to
 * an input coordinate by the coordinate-transformation mode, then to a few (index, weight) taps; taps beyond the
 * edge repeat the edge value. The output is the weighted sum over the product of every axis' taps.
 */
final class ResizeKernel {
    private ResizeKernel() {
    }

    static void run(Command c, Operand[] in, Operand[] out) {
        Params.Resize p = (Params.Resize) c.params();
        long[] xd = c.inputs().get(0).shape().dims();
        long[] yd = c.outputs().get(0).shape().dims();
        int rank = xd.length;
        int taps = p.mode().equals("nearest") ? 1 : p.mode().equals("linear") ? 2 : 4;
        int[][][] idx = new int[rank][][];
        double[][][] wts = new double[rank][][];
        boolean[][] outside = new boolean[rank][];
        for (int a = 0; a < rank; a++) {
            int len = (int) yd[a];
            idx[a] = new int[len][taps];
            wts[a] = new double[len][taps];
            outside[a] = new boolean[len];
            for (int o = 0; o < len; o++) {
                double x = ResizeSampling.coordinate(p, a, o, (int) xd[a], len);
                outside[a][o] = p.coordinate().equals("tf_crop_and_resize") && (x < 0 || x > xd[a] - 1);
                ResizeSampling.taps(p, x, (int) xd[a], idx[a][o], wts[a][o]);
            }
        }
        long[] xStride = org.walle.engine.decompose.Regions.contiguousStrides(xd);
        int total = c.outputs().get(0).elements();
        int[] coord = new int[rank];
        for (int flat = 0; flat < total; flat++) {
            int rest = flat;
            boolean extrapolate = false;
            for (int a = rank - 1; a >= 0; a--) {
                coord[a] = rest % (int) yd[a];
                rest /= (int) yd[a];
                extrapolate |= outside[a][coord[a]];
            }
            out[0].set(flat, extrapolate ? p.extrapolation() : sum(in[0], coord, idx, wts, xStride, 0, 0, taps));
        }
    }

    private static double sum(Operand x, int[] coord, int[][][] idx, double[][][] w, long[] stride, int axis, long at,
            int taps) {
        if (axis == coord.length) {
            return x.get((int) at);
        }
        double s = 0;
        for (int t = 0; t < taps; t++) {
            double wt = w[axis][coord[axis]][t];
            if (wt != 0) {
                s += wt * sum(x, coord, idx, w, stride, axis + 1, at + idx[axis][coord[axis]][t] * stride[axis], taps);
            }
        }
        return s;
    }
}
