package org.walle.engine.backend.ref;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;

/** Max, average and Lp pooling over N-d windows of an {@code [N, C, spatial...]} tensor. */
final class PoolKernel {
    private PoolKernel() {
    }

    static void run(Command c, Operand[] in, Operand[] out) {
        Params.Pool p = (Params.Pool) c.params();
        long[] xd = c.inputs().get(0).shape().dims();
        long[] yd = c.outputs().get(0).shape().dims();
        int sp = xd.length - 2;
        int planes = (int) (xd[0] * xd[1]);
        int inPlane = 1;
        int outPlane = 1;
        for (int i = 0; i < sp; i++) {
            inPlane *= (int) xd[2 + i];
            outPlane *= (int) yd[2 + i];
        }
        int windowSize = 1;
        for (int k : p.kernel()) {
            windowSize *= k;
        }
        int[] o = new int[sp];
        int[] w = new int[sp];
        for (int plane = 0; plane < planes; plane++) {
            for (int oi = 0; oi < outPlane; oi++) {
                unravel(oi, yd, o);
                double acc = p.kind().equals("max") ? Double.NEGATIVE_INFINITY : 0;
                int count = 0;
                for (int wi = 0; wi < windowSize; wi++) {
                    unravelKernel(wi, p.kernel(), w);
                    int flat = 0;
                    boolean inside = true;
                    boolean insidePadded = true;
                    for (int d = 0; d < sp; d++) {
                        int pos = o[d] * p.strides()[d] - p.padsBegin()[d] + w[d] * p.dilations()[d];
                        int dim = (int) xd[2 + d];
                        inside &= pos >= 0 && pos < dim;
                        insidePadded &= pos >= -p.padsBegin()[d] && pos < dim + p.padsEnd()[d];
                        flat = flat * dim + pos;
                    }
                    if (!inside) {
                        if (insidePadded && p.countIncludePad()) {
                            count++;
                        }
                        continue;
                    }
                    double v = in[0].get(plane * inPlane + flat);
                    switch (p.kind()) {
                        case "max" -> acc = Double.isNaN(v) || v > acc ? v : acc;
                        case "lp" -> acc += Math.pow(Math.abs(v), p.p());
                        default -> acc += v;
                    }
                    count++;
                }
                double r = switch (p.kind()) {
                    case "avg" -> acc / count;
                    case "lp" -> Math.pow(acc, 1.0 / p.p());
                    default -> acc;
                };
                out[0].set(plane * outPlane + oi, r);
            }
        }
    }

    private static void unravel(int i, long[] dims, int[] out) {
        for (int d = out.length - 1; d >= 0; d--) {
            int n = (int) dims[2 + d];
            out[d] = i % n;
            i /= n;
        }
    }

    private static void unravelKernel(int i, int[] kernel, int[] out) {
        for (int d = out.length - 1; d >= 0; d--) {
            out[d] = i % kernel[d];
            i /= kernel[d];
        }
    }
}
