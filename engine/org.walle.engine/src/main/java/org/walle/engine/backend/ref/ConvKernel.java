package org.walle.engine.backend.ref;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;

/**
 * Direct N-d convolution and transposed convolution: the textbook loop nests, used as the oracle for the Im2Col
 * decomposition and for faster backends. Inputs: X [N,C,...], W, optional bias [M].
 */
final class ConvKernel {
    private ConvKernel() {
    }

    static void run(Command c, Operand[] in, Operand[] out) {
        Params.Conv p = (Params.Conv) c.params();
        convolve(c, p, in, out);
        if (p.activation() != null) {
            Operand y = out[0];
            for (int i = 0, n = c.outputs().get(0).elements(); i < n; i++) {
                y.set(i, UnaryKernel.apply(p.activation(), y.get(i)));
            }
        }
    }

    private static void convolve(Command c, Params.Conv p, Operand[] in, Operand[] out) {
        long[] xd = c.inputs().get(0).shape().dims();
        long[] yd = c.outputs().get(0).shape().dims();
        if (xd.length == 4) {
            run2d(c, p, xd, yd, in, out[0]);
            return;
        }
        int sp = xd.length - 2;
        int channels = (int) xd[1];
        int m = (int) yd[1];
        int cPerGroup = channels / p.group();
        int mPerGroup = m / p.group();
        int inPlane = plane(xd);
        int outPlane = plane(yd);
        int window = product(p.kernel());
        int[] o = new int[sp];
        int[] w = new int[sp];
        for (int n = 0; n < (int) xd[0]; n++) {
            for (int oc = 0; oc < m; oc++) {
                int g = oc / mPerGroup;
                double bias = in.length > 2 && in[2] != null ? in[2].get(oc) : 0;
                for (int oi = 0; oi < outPlane; oi++) {
                    unravel(oi, yd, 2, o);
                    double acc = bias;
                    for (int ic = 0; ic < cPerGroup; ic++) {
                        int xBase = (n * channels + g * cPerGroup + ic) * inPlane;
                        int wBase = (oc * cPerGroup + ic) * window;
                        for (int wi = 0; wi < window; wi++) {
                            unravel(wi, p.kernel(), w);
                            int flat = 0;
                            boolean inside = true;
                            for (int d = 0; d < sp && inside; d++) {
                                int pos = o[d] * p.strides()[d] - p.padsBegin()[d] + w[d] * p.dilations()[d];
                                inside = pos >= 0 && pos < xd[2 + d];
                                flat = flat * (int) xd[2 + d] + pos;
                            }
                            if (inside) {
                                acc += in[0].get(xBase + flat) * in[1].get(wBase + wi);
                            }
                        }
                    }
                    out[0].set((n * m + oc) * outPlane + oi, acc);
                }
            }
        }
    }

    /** The same loop nest for 2-d images over double arrays read once (real models spend their time here). */
    private static void run2d(Command c, Params.Conv p, long[] xd, long[] yd, Operand[] in, Operand y) {
        int n = (int) xd[0];
        int ch = (int) xd[1];
        int h = (int) xd[2];
        int w = (int) xd[3];
        int m = (int) yd[1];
        int oh = (int) yd[2];
        int ow = (int) yd[3];
        int kh = p.kernel()[0];
        int kw = p.kernel()[1];
        int cg = ch / p.group();
        int mg = m / p.group();
        double[] x = in[0].toDoubles(n * ch * h * w);
        double[] wt = in[1].toDoubles(m * cg * kh * kw);
        double[] bias = in.length > 2 && in[2] != null ? in[2].toDoubles(m) : new double[m];
        int sy = p.strides()[0];
        int sx = p.strides()[1];
        int py = p.padsBegin()[0];
        int px = p.padsBegin()[1];
        int dy = p.dilations()[0];
        int dx = p.dilations()[1];
        double[] acc = new double[oh * ow];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < m; oc++) {
                int g = oc / mg;
                java.util.Arrays.fill(acc, bias[oc]);
                // weight-stationary order: one weight scaled over a whole output plane keeps memory access sequential
                for (int ic = 0; ic < cg; ic++) {
                    int xBase = ((b * ch + g * cg + ic) * h) * w;
                    int wBase = ((oc * cg + ic) * kh) * kw;
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            double wv = wt[wBase + ky * kw + kx];
                            int offX = kx * dx - px;
                            // output columns whose input column ox*sx + offX lies inside [0, w)
                            int oxLo = Math.max(0, ceilDiv(-offX, sx));
                            int oxHi = Math.min(ow, ceilDiv(w - offX, sx));
                            for (int oy = 0; oy < oh; oy++) {
                                int iy = oy * sy - py + ky * dy;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                int row = xBase + iy * w + offX;
                                int out = oy * ow;
                                for (int ox = oxLo; ox < oxHi; ox++) {
                                    acc[out + ox] += wv * x[row + ox * sx];
                                }
                            }
                        }
                    }
                }
                int yBase = (b * m + oc) * oh * ow;
                for (int i = 0; i < acc.length; i++) {
                    y.set(yBase + i, acc[i]);
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /** Scatter form: every input pixel adds its weighted kernel into the output window it maps to. */
    static void transpose(Command c, Operand[] in, Operand[] out) {
        Params.Conv p = (Params.Conv) c.params();
        long[] xd = c.inputs().get(0).shape().dims();
        long[] yd = c.outputs().get(0).shape().dims();
        int sp = xd.length - 2;
        int channels = (int) xd[1];
        int m = (int) yd[1];
        int cPerGroup = channels / p.group();
        int mPerGroup = m / p.group();
        int inPlane = plane(xd);
        int outPlane = plane(yd);
        int window = product(p.kernel());
        double[] acc = new double[(int) yd[0] * m * outPlane];
        int[] ii = new int[sp];
        int[] w = new int[sp];
        for (int n = 0; n < (int) xd[0]; n++) {
            for (int ic = 0; ic < channels; ic++) {
                int g = ic / cPerGroup;
                for (int xi = 0; xi < inPlane; xi++) {
                    unravel(xi, xd, 2, ii);
                    double xv = in[0].get((n * channels + ic) * inPlane + xi);
                    for (int om = 0; om < mPerGroup; om++) {
                        int oc = g * mPerGroup + om;
                        int wBase = (ic * mPerGroup + om) * window;
                        for (int wi = 0; wi < window; wi++) {
                            unravel(wi, p.kernel(), w);
                            int flat = 0;
                            boolean inside = true;
                            for (int d = 0; d < sp && inside; d++) {
                                int pos = ii[d] * p.strides()[d] - p.padsBegin()[d] + w[d] * p.dilations()[d];
                                inside = pos >= 0 && pos < yd[2 + d];
                                flat = flat * (int) yd[2 + d] + pos;
                            }
                            if (inside) {
                                acc[(n * m + oc) * outPlane + flat] += xv * in[1].get(wBase + wi);
                            }
                        }
                    }
                }
            }
        }
        for (int i = 0; i < acc.length; i++) {
            int oc = (i / outPlane) % m;
            out[0].set(i, acc[i] + (in.length > 2 && in[2] != null ? in[2].get(oc) : 0));
        }
    }

    static int plane(long[] dims) {
        int n = 1;
        for (int i = 2; i < dims.length; i++) {
            n *= (int) dims[i];
        }
        return n;
    }

    private static int product(int[] a) {
        int n = 1;
        for (int v : a) {
            n *= v;
        }
        return n;
    }

    private static void unravel(int i, long[] dims, int from, int[] out) {
        for (int d = out.length - 1; d >= 0; d--) {
            int n = (int) dims[from + d];
            out[d] = i % n;
            i /= n;
        }
    }

    private static void unravel(int i, int[] dims, int[] out) {
        for (int d = out.length - 1; d >= 0; d--) {
            out[d] = i % dims[d];
            i /= dims[d];
        }
    }
}
