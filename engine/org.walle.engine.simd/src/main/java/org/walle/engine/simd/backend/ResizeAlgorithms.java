package org.walle.engine.simd.backend;

import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.CommandCost;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.Execution;
import org.walle.engine.backend.ref.Operand;
import org.walle.engine.backend.ref.ResizeSampling;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.simd.CostModel;
import org.walle.engine.simd.Parallel;

/**
 * RESIZE (nearest, N-linear, N-cubic; every coordinate mode of the reference) as "separable-taps": per axis, each
 * output coordinate's input taps (element offsets and weights) are computed once when the plan is prepared, with
 * the reference kernel's formulas; a run then only sums the taps, output rows split over the threads. Taps of an
 * unscaled axis collapse to one (weight 0 taps are skipped), so an NCHW resize costs taps(H) x taps(W) reads per
 * output.
 */
final class ResizeAlgorithms {
    private static final int GRAIN = 1 << 12;

    private ResizeAlgorithms() {
    }

    static Creation create(Command c, Env env) {
        Params.Resize p = (Params.Resize) c.params();
        long[] xd = c.inputs().get(0).shape().dims();
        long[] yd = c.outputs().get(0).shape().dims();
        if (!p.mode().equals("nearest") && !p.mode().equals("linear") && !p.mode().equals("cubic")) {
            return Creation.unsupported("no cpu-simd kernel for resize mode '" + p.mode() + "'");
        }
        if (xd.length == 0 || p.scales() == null || p.scales().length != xd.length
                || (p.coordinate().equals("tf_crop_and_resize") && (p.roi() == null || p.roi().length != 2 * xd.length))) {
            return Creation.unsupported("RESIZE needs one scale per axis (and an roi for tf_crop_and_resize)");
        }
        int taps = p.mode().equals("nearest") ? 1 : p.mode().equals("linear") ? 2 : 4;
        int outputs = c.outputs().get(0).elements();
        double reads = (double) outputs * Math.pow(taps, Math.min(2, xd.length));
        return Creation.of(new Algorithm("separable-taps", CommandCost.flops(c),
                env.seconds(CostModel.streaming((long) reads, 1, 0, 2).plus(CostModel.streaming(outputs, 0, 1, 0))),
                () -> prepare(p, xd, yd, taps, env.threads())));
    }

    private static Execution prepare(Params.Resize p, long[] xd, long[] yd, int taps, int threads) {
        int rank = xd.length;
        int[][] offsets = new int[rank][];
        double[][] weights = new double[rank][];
        boolean[][] outside = new boolean[rank][];
        int stride = 1;
        for (int a = rank - 1; a >= 0; a--) {
            int len = (int) yd[a];
            offsets[a] = new int[len * taps];
            weights[a] = new double[len * taps];
            outside[a] = new boolean[len];
            int[] idx = new int[taps];
            double[] w = new double[taps];
            for (int o = 0; o < len; o++) {
                double x = ResizeSampling.coordinate(p, a, o, (int) xd[a], len);
                outside[a][o] = p.coordinate().equals("tf_crop_and_resize") && (x < 0 || x > xd[a] - 1);
                ResizeSampling.taps(p, x, (int) xd[a], idx, w);
                for (int t = 0; t < taps; t++) {
                    offsets[a][o * taps + t] = idx[t] * stride;
                    weights[a][o * taps + t] = w[t];
                }
            }
            stride *= (int) xd[a];
        }
        int inSize = stride;
        int width = (int) yd[rank - 1];
        int rows = 1;
        for (int a = 0; a < rank - 1; a++) {
            rows *= (int) yd[a];
        }
        int outSize = rows * width;
        int rowCount = rows;
        if (PlaneResize.applies(p, xd, yd, offsets, weights, taps)) {
            PlaneResize planes = new PlaneResize(xd, yd, offsets, weights, taps);
            return (Operand[] in, Operand[] out) -> {
                float[] x = Floats.read(in[0], inSize);
                float[] y = Floats.target(out[0], outSize);
                planes.run(x, y, threads);
                Floats.commit(out[0], y, outSize);
            };
        }
        return (Operand[] in, Operand[] out) -> {
            float[] x = Floats.read(in[0], inSize);
            float[] y = Floats.target(out[0], outSize);
            Parallel.forRange(threads, rowCount, Math.max(1, GRAIN / width), (from, to) -> {
                int[] coord = new int[rank];
                for (int row = from; row < to; row++) {
                    int rest = row;
                    boolean extrapolate = false;
                    for (int a = rank - 2; a >= 0; a--) {
                        coord[a] = rest % (int) yd[a];
                        rest /= (int) yd[a];
                        extrapolate |= outside[a][coord[a]];
                    }
                    for (int o = 0; o < width; o++) {
                        coord[rank - 1] = o;
                        y[row * width + o] = extrapolate || outside[rank - 1][o] ? p.extrapolation()
                                : (float) sum(x, coord, offsets, weights, taps, 0, 0);
                    }
                }
            });
            Floats.commit(out[0], y, outSize);
        };
    }

    private static double sum(float[] x, int[] coord, int[][] offsets, double[][] weights, int taps, int axis,
            int at) {
        int base = coord[axis] * taps;
        if (axis == coord.length - 1) {
            double s = 0;
            for (int t = 0; t < taps; t++) {
                double w = weights[axis][base + t];
                if (w != 0) {
                    s += w * x[at + offsets[axis][base + t]];
                }
            }
            return s;
        }
        double s = 0;
        for (int t = 0; t < taps; t++) {
            double w = weights[axis][base + t];
            if (w != 0) {
                s += w * sum(x, coord, offsets, weights, taps, axis + 1, at + offsets[axis][base + t]);
            }
        }
        return s;
    }
}
