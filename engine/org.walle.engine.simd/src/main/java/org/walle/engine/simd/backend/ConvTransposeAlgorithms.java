package org.walle.engine.simd.backend;

import java.util.Arrays;

import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.CommandCost;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.Execution;
import org.walle.engine.backend.ref.Operand;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.simd.Cost;
import org.walle.engine.simd.CostModel;
import org.walle.engine.simd.Gemm;
import org.walle.engine.simd.GemmTiling;
import org.walle.engine.simd.Parallel;

/**
 * CONV_TRANSPOSE of 1-d and 2-d images as "gemm-col2im": per image and group one GEMM
 * {@code cols[(oc, ky, kx), pixel] = W_gᵀ x X_g} (weights {@code [C, M/g, KH, KW]}, transposed once when
 * constant), then every column is added into the output window it maps to ({@code o = i * stride - pad + k *
 * dilation}), output planes split over the threads. The output starts as the bias.
 */
final class ConvTransposeAlgorithms {
    private ConvTransposeAlgorithms() {
    }

    /** The geometry of one transposed convolution, 1-d seen as height 1. */
    record Geometry(int n, int c, int h, int w, int m, int oh, int ow, int kh, int kw, int sh, int sw, int pt, int pl,
            int dh, int dw, int group) {
        int cg() {
            return c / group;
        }

        int mg() {
            return m / group;
        }

        int rows() {
            return mg() * kh * kw;
        }
    }

    static Creation create(Command c, Env env) {
        Params.Conv p = (Params.Conv) c.params();
        long[] xd = c.inputs().get(0).shape().dims();
        long[] wd = c.inputs().get(1).shape().dims();
        long[] yd = c.outputs().get(0).shape().dims();
        if (xd.length != 3 && xd.length != 4) {
            return Creation.unsupported("cpu-simd transposes 1-d and 2-d convolutions, got a rank-" + xd.length
                    + " input");
        }
        boolean oneD = xd.length == 3;
        int s = oneD ? 0 : 1;
        Geometry g = new Geometry((int) xd[0], (int) xd[1], oneD ? 1 : (int) xd[2], (int) xd[xd.length - 1],
                (int) yd[1], oneD ? 1 : (int) yd[2], (int) yd[yd.length - 1], oneD ? 1 : p.kernel()[0], p.kernel()[s],
                oneD ? 1 : p.strides()[0], p.strides()[s], oneD ? 0 : p.padsBegin()[0], p.padsBegin()[s],
                oneD ? 1 : p.dilations()[0], p.dilations()[s], p.group());
        if (g.group() < 1 || g.c() % g.group() != 0 || g.m() % g.group() != 0 || wd[0] != g.c()
                || wd[1] != g.mg() || wd.length != xd.length || wd[wd.length - 1] != g.kw()
                || (!oneD && wd[2] != g.kh())) {
            return Creation.unsupported("transposed conv weights " + Arrays.toString(wd) + " do not match "
                    + g.c() + " input and " + g.m() + " output channels in " + g.group() + " groups");
        }
        int pixels = g.h() * g.w();
        GemmTiling tiling = GemmTiling.choose(g.rows(), pixels, g.cg());
        Cost gemm = CostModel.gemm(g.rows(), pixels, g.cg(), tiling);
        double copies = (double) g.n() * g.group();
        double scatter = copies * g.rows() * pixels;
        Cost total = Cost.of(gemm.flops() * copies, gemm.bytes() * copies, 1)
                .plus(CostModel.streaming((long) scatter, 1, 1, 1));
        boolean hasBias = c.inputs().size() > 2 && c.inputs().get(2) != null;
        float[] weights = MatMulAlgorithms.constant(c.inputs().get(1));
        float[] bias = hasBias ? MatMulAlgorithms.constant(c.inputs().get(2)) : null;
        return Creation.of(new Algorithm("gemm-col2im", CommandCost.flops(c), env.seconds(total),
                () -> new Run(g, tiling, weights == null ? null : transposeWeights(g, weights), hasBias, bias,
                        env.threads())));
    }

    /** Per group, W_g {@code [C/g, M/g*KH*KW]} transposed to {@code [M/g*KH*KW, C/g]}, groups one after another. */
    static float[] transposeWeights(Geometry g, float[] w) {
        float[] t = new float[g.c() * g.rows()];
        for (int grp = 0; grp < g.group(); grp++) {
            int off = grp * g.cg() * g.rows();
            float[] block = MatMulRunner.transpose(w, off, g.cg(), g.rows(), new float[g.cg() * g.rows()]);
            System.arraycopy(block, 0, t, off, block.length);
        }
        return t;
    }

    private static final class Run implements Execution {
        private final Geometry g;
        private final GemmTiling tiling;
        private final float[] constantWeightsT;
        private final boolean hasBias;
        private final float[] constantBias;
        private final int threads;
        private final float[] cols;

        Run(Geometry g, GemmTiling tiling, float[] weightsT, boolean hasBias, float[] bias, int threads) {
            this.g = g;
            this.tiling = tiling;
            this.constantWeightsT = weightsT;
            this.hasBias = hasBias;
            this.constantBias = bias;
            this.threads = threads;
            this.chunkRows = Math.max(1, Math.min(g.h(), CHUNK_FLOATS / Math.max(1, g.rows() * g.w())));
            this.cols = new float[g.rows() * chunkRows * g.w()];
        }

        /**
         * Input rows multiplied per pass: the columns of a pass (rows x chunk pixels, up to 32 Ki floats) stay in
         * L2 between the GEMM that writes them and the scatter that reads them (the OCR detector's 24-channel
         * 2x2/2 upsample wrote and re-read 2.4 MB of columns per run).
         */
        private static final int CHUNK_FLOATS = 32 * 1024;
        private final int chunkRows;

        @Override
        public void onExecute(Operand[] in, Operand[] out) {
            int pixels = g.h() * g.w();
            int plane = g.oh() * g.ow();
            float[] x = Floats.read(in[0], g.n() * g.c() * pixels);
            float[] wt = constantWeightsT != null ? constantWeightsT
                    : transposeWeights(g, Floats.read(in[1], g.c() * g.rows()));
            float[] bias = !hasBias ? null : constantBias != null ? constantBias : Floats.read(in[2], g.m());
            int outSize = g.n() * g.m() * plane;
            float[] y = Floats.target(out[0], outSize);
            for (int img = 0; img < g.n(); img++) {
                for (int oc = 0; oc < g.m(); oc++) {
                    int base = (img * g.m() + oc) * plane;
                    Arrays.fill(y, base, base + plane, bias == null ? 0f : bias[oc]);
                }
                for (int grp = 0; grp < g.group(); grp++) {
                    int first = (img * g.m() + grp * g.mg()) * plane;
                    for (int iy0 = 0; iy0 < g.h(); iy0 += chunkRows) {
                        int iy1 = Math.min(g.h(), iy0 + chunkRows);
                        int width = (iy1 - iy0) * g.w();
                        Gemm.multiply(wt, grp * g.cg() * g.rows(), g.cg(), x,
                                (img * g.c() + grp * g.cg()) * pixels + iy0 * g.w(), pixels, cols, 0, width,
                                g.rows(), width, g.cg(), false, tiling, threads);
                        int from0 = iy0;
                        Parallel.forRange(threads, g.mg(), (from, to) -> {
                            for (int ocl = from; ocl < to; ocl++) {
                                scatter(ocl, y, first + ocl * plane, from0, iy1);
                            }
                        });
                    }
                }
            }
            Floats.commit(out[0], y, outSize);
        }

        /**
         * Adds the columns of output channel {@code ocl} (of the current group) for input rows [iy0, iy1) (the pass
         * in {@code cols}) into its output plane.
         */
        private void scatter(int ocl, float[] y, int planeBase, int iy0, int iy1) {
            int pixels = (iy1 - iy0) * g.w();
            for (int ky = 0; ky < g.kh(); ky++) {
                for (int kx = 0; kx < g.kw(); kx++) {
                    int row = ((ocl * g.kh() + ky) * g.kw() + kx) * pixels;
                    int offX = kx * g.dw() - g.pl();
                    // input columns whose output column ix*sw + offX lies inside [0, ow)
                    int ixLo = Math.max(0, ceilDiv(-offX, g.sw()));
                    int ixHi = Math.min(g.w(), ceilDiv(g.ow() - offX, g.sw()));
                    for (int iy = iy0; iy < iy1; iy++) {
                        int oy = iy * g.sh() - g.pt() + ky * g.dh();
                        if (oy < 0 || oy >= g.oh()) {
                            continue;
                        }
                        int src = row + (iy - iy0) * g.w();
                        int dst = planeBase + oy * g.ow() + offX;
                        for (int ix = ixLo; ix < ixHi; ix++) {
                            y[dst + ix * g.sw()] += cols[src + ix];
                        }
                    }
                }
            }
        }

        private static int ceilDiv(int a, int b) {
            return -Math.floorDiv(-a, b);
        }
    }
}
