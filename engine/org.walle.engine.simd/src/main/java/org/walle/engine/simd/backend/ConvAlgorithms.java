package org.walle.engine.simd.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.CommandCost;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.Execution;
import org.walle.engine.backend.ref.Operand;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.simd.Conv2d;
import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.ConvAlgorithm;
import org.walle.engine.simd.Parallel;
import org.walle.engine.simd.WinogradTransform;
import org.walle.engine.simd.internal.ClampRows;
import org.walle.engine.simd.internal.DepthwiseConv;
import org.walle.engine.simd.internal.GemmKernel;
import org.walle.engine.simd.internal.Im2colConv;
import org.walle.engine.simd.internal.ImplicitGemmConv;
import org.walle.engine.simd.internal.PhasePlanes;
import org.walle.engine.simd.internal.RowFunction;
import org.walle.engine.simd.internal.WinogradConv;

/**
 * CONV and CONV_DEPTHWISE on NCHW tensors of rank 4 (rank 3 is a 2-d conv of height 1): one algorithm per
 * {@link ConvAlgorithm} that supports the geometry, priced by its cost formula. Constant weights (the usual case)
 * are used in place (the kernels only read them) or Winograd-transformed once when the chosen algorithm is
 * prepared; computed weights are read (and transformed) at every run.
 */
final class ConvAlgorithms {
    /** The generated transforms are immutable: one per tile size for the whole process. */
    private static final Map<ConvAlgorithm, WinogradConv> WINOGRAD = new ConcurrentHashMap<>();
    /** Output elements per range when an activation runs after the whole output. */
    private static final int ACTIVATION_GRAIN = 1 << 15;

    private ConvAlgorithms() {
    }

    static Creation create(Command c, Env env) {
        Params.Conv p = (Params.Conv) c.params();
        Conv2dParams geometry;
        try {
            geometry = geometry(c, p);
        } catch (IllegalArgumentException e) {
            return Creation.unsupported(e.getMessage());
        }
        if (p.activation() != null && !ElementwiseAlgorithms.coversActivation(p.activation())) {
            return Creation.unsupported("no cpu-simd kernel for the fused activation " + p.activation());
        }
        boolean hasBias = c.inputs().size() > 2 && c.inputs().get(2) != null;
        float[] weights = MatMulAlgorithms.constant(c.inputs().get(1));
        float[] bias = hasBias ? MatMulAlgorithms.constant(c.inputs().get(2)) : null;
        double flops = CommandCost.flops(c);
        List<Algorithm> algorithms = new ArrayList<>();
        for (ConvAlgorithm a : ConvAlgorithm.values()) {
            if (a.supports(geometry)) {
                algorithms.add(new Algorithm(name(a), flops, env.seconds(a.cost(geometry)),
                        () -> new ConvExecution(a, geometry, weights, hasBias, bias, p.activation(),
                                env.threads())));
            }
        }
        if (algorithms.isEmpty()) {
            return Creation.unsupported("no cpu-simd conv algorithm supports " + geometry);
        }
        return new Creation.Supported(algorithms);
    }

    /** "sliding-window", "im2col-gemm", "winograd-f4", "depthwise". */
    static String name(ConvAlgorithm a) {
        return a.name().toLowerCase().replace('_', '-');
    }

    /**
     * The 2-d geometry of the command; the end pads are derived from the output size (the smallest that gives it).
     * Throws IllegalArgumentException naming what does not fit.
     */
    static Conv2dParams geometry(Command c, Params.Conv p) {
        long[] xd = c.inputs().get(0).shape().dims();
        long[] wd = c.inputs().get(1).shape().dims();
        long[] yd = c.outputs().get(0).shape().dims();
        if (xd.length != 3 && xd.length != 4) {
            throw new IllegalArgumentException("cpu-simd convolves 1-d and 2-d images, got a rank-" + xd.length
                    + " input");
        }
        if (p.outputPadding() != null) {
            throw new IllegalArgumentException("output padding belongs to transposed convolution");
        }
        boolean oneD = xd.length == 3;
        int s = oneD ? 0 : 1;
        int h = oneD ? 1 : (int) xd[2];
        int w = (int) xd[xd.length - 1];
        int oh = oneD ? 1 : (int) yd[2];
        int ow = (int) yd[yd.length - 1];
        int kh = oneD ? 1 : p.kernel()[0];
        int kw = p.kernel()[s];
        int sh = oneD ? 1 : p.strides()[0];
        int sw = p.strides()[s];
        int dh = oneD ? 1 : p.dilations()[0];
        int dw = p.dilations()[s];
        int pt = oneD ? 0 : p.padsBegin()[0];
        int pl = p.padsBegin()[s];
        int pb = Math.max(0, (oh - 1) * sh + dh * (kh - 1) + 1 - h - pt);
        int pr = Math.max(0, (ow - 1) * sw + dw * (kw - 1) + 1 - w - pl);
        Conv2dParams g = new Conv2dParams((int) xd[0], (int) xd[1], h, w, (int) yd[1], kh, kw, sh, sw, pt, pl, pb, pr,
                dh, dw, p.group());
        if (g.outHeight() != oh || g.outWidth() != ow) {
            throw new IllegalArgumentException("conv output " + Arrays.toString(yd)
                    + " does not follow from the input, kernel, strides and pads");
        }
        long expectedWeights = (long) g.outChannels() * g.inPerGroup() * kh * kw;
        if (wd[0] != g.outChannels() || shapeSize(wd) != expectedWeights) {
            throw new IllegalArgumentException("conv weights " + Arrays.toString(wd) + " do not match "
                    + g.outChannels() + " output channels of " + g.inPerGroup() + "x" + kh + "x" + kw);
        }
        return g;
    }

    private static long shapeSize(long[] d) {
        long n = 1;
        for (long v : d) {
            n *= v;
        }
        return n;
    }

    /** A prepared convolution: weights transformed once when they are plan constants and Winograd runs them. */
    static final class ConvExecution implements Execution {
        private final ConvAlgorithm algorithm;
        private final Conv2dParams p;
        private final float[] weights;
        private final boolean hasBias;
        private final float[] bias;
        /** The fused activation (null: none); implicit GEMM and depthwise apply it to each output block they finish. */
        private final RowFunction activationRows;
        private final int threads;
        private final WinogradConv winograd;
        private final float[] transformed;
        /** Constant weights of im2col packed into GEMM panels once (they were re-packed at every run). */
        private final GemmKernel.PackedA[] packed;
        /** Implicit GEMM: the input layout (offset table) and the constant weights' panels, made once. */
        private final PhasePlanes planes;
        private final GemmKernel.PackedA[] implicitPacked;

        ConvExecution(ConvAlgorithm algorithm, Conv2dParams p, float[] constantWeights, boolean hasBias,
                float[] constantBias, Params.Unary activation, int threads) {
            this.algorithm = algorithm;
            this.activationRows = activation == null ? null : ElementwiseAlgorithms.activationRows(activation);
            this.p = p;
            this.weights = constantWeights;
            this.hasBias = hasBias;
            this.bias = constantBias;
            this.threads = threads;
            this.winograd = algorithm.winogradTile() <= 0 ? null : WINOGRAD.computeIfAbsent(algorithm,
                    a -> new WinogradConv(WinogradTransform.standard(a.winogradTile(), 3)));
            this.transformed = winograd != null && weights != null ? winograd.transformWeights(p, weights) : null;
            this.packed = algorithm == ConvAlgorithm.IM2COL_GEMM && weights != null
                    ? Im2colConv.packWeights(p, weights) : null;
            boolean implicit = algorithm == ConvAlgorithm.IMPLICIT_GEMM;
            this.planes = implicit ? new PhasePlanes(p) : null;
            this.implicitPacked = implicit && weights != null ? ImplicitGemmConv.packWeights(p, weights) : null;
        }

        @Override
        public void onExecute(Operand[] in, Operand[] out) {
            float[] x = Floats.read(in[0], p.inputSize());
            float[] w = weights != null ? weights : Floats.read(in[1], p.weightSize());
            float[] b = !hasBias ? null : bias != null ? bias : Floats.read(in[2], p.outChannels());
            float[] y = Floats.target(out[0], p.outputSize());
            if (winograd != null) {
                winograd.runTransformed(p, x, transformed != null ? transformed : winograd.transformWeights(p, w), b,
                        y, threads);
            } else if (planes != null) {
                ImplicitGemmConv.run(p, planes, x, implicitPacked != null ? implicitPacked
                        : ImplicitGemmConv.packWeights(p, w), b, activationRows, y, threads);
            } else if (packed != null) {
                Im2colConv.run(p, x, w, packed, b, clamp(), y, threads);
            } else if (algorithm == ConvAlgorithm.DEPTHWISE) {
                DepthwiseConv.run(p, x, w, b, activationRows, y, threads);
            } else {
                Conv2d.run(algorithm, p, x, w, b, y, threads);
            }
            // implicit GEMM, depthwise and im2col's clamp apply it to each block they finish, the others after the
            // whole output
            boolean applied = planes != null || algorithm == ConvAlgorithm.DEPTHWISE
                    || packed != null && clamp() != null;
            if (activationRows != null && !applied) {
                Parallel.forRange(threads, p.outputSize(), ACTIVATION_GRAIN,
                        (from, to) -> activationRows.apply(y, from, 1, 0, to - from));
            }
            Floats.commit(out[0], y, p.outputSize());
        }

        /** The fused activation when it is a clamp (ReLU, ReLU6, Clip), else null. */
        private ClampRows clamp() {
            return activationRows instanceof ClampRows c ? c : null;
        }
    }
}
