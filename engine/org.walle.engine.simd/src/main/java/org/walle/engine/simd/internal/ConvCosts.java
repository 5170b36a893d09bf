package org.walle.engine.simd.internal;

import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.ConvAlgorithm;
import org.walle.engine.simd.Cost;
import org.walle.engine.simd.CostModel;
import org.walle.engine.simd.GemmTiling;

/**
 * Cost formulas of the Conv2D algorithms (docs/backends.md explains each term). FLOPs are those each algorithm
 * really executes (Winograd executes fewer than the direct definition); bytes are DRAM-level traffic.
 */
public final class ConvCosts {

    /**
     * Vectorised axpy over an output row: two loads and a store per FMA. Measured about a sixth of GEMM speed on the
     * 64x56x56 benchmark layer (docs/benchmarks.md, Backends).
     */
    static final double SLIDING_VECTOR_EFFICIENCY = 0.18;
    /** Strided sliding window falls back to scalar code. */
    static final double SLIDING_SCALAR_EFFICIENCY = 0.05;
    /** Depthwise keeps the accumulator in a register: one load per FMA and no store, so faster than the axpy. */
    static final double DEPTHWISE_VECTOR_EFFICIENCY = 0.45;
    /**
     * Winograd transforms are small dense matrix products on vectors of tiles plus a scalar gather/scatter of the
     * tiles; the benchmark layer puts them near a tenth of GEMM speed.
     */
    static final double TRANSFORM_EFFICIENCY = 0.03;

    /**
     * Copying one NR-wide row of B (two vector loads and stores) against one micro-kernel step (two loads, four
     * broadcasts, eight FMAs bound by the two FMA pipes): about 0.4 of the time.
     */
    static final double BLOCK_COPY_STEPS = 0.4;
    /**
     * Implicit GEMM against the packed GEMM of im2col where both only multiply (pointwise convs with many channels):
     * since it runs row group by row group over blocks of panels it measured 0.97-1.0x im2col's time warm and
     * 0.88-0.97x after a cache flush on 128..1024-channel pointwise layers (1.0-1.2x before, when it re-copied B
     * per block of output channels), so the search takes it there too, besides the 3x3 and strided convs and the
     * pointwise convs with few input channels where it saves the lowering and the B packing.
     */
    static final double IMPLICIT_GEMM_EFFICIENCY = 0.95;

    private ConvCosts() {
    }

    public static Cost cost(ConvAlgorithm algorithm, Conv2dParams p) {
        return switch (algorithm) {
            case SLIDING_WINDOW -> sliding(p);
            case IM2COL_GEMM -> im2col(p);
            case DEPTHWISE -> depthwise(p);
            case IMPLICIT_GEMM -> implicitGemm(p);
            default -> winograd(p, algorithm.winogradTile());
        };
    }

    private static boolean unitStride(Conv2dParams p) {
        return p.strideW() == 1;
    }

    /** Each output channel re-reads its group's input planes; the output row stays in L1 across taps. */
    static Cost sliding(Conv2dParams p) {
        double outputs = (double) p.outputSize();
        double bytes = 4.0 * ((double) p.batch() * p.outChannels() * p.inPerGroup() * p.height() * p.width()
                + p.weightSize() + outputs);
        return Cost.of(p.flops(), bytes, unitStride(p) ? SLIDING_VECTOR_EFFICIENCY : SLIDING_SCALAR_EFFICIENCY);
    }

    /**
     * Every stride runs vector code over a zero-bordered copy of the plane (DepthwiseConv): a horizontal stride s
     * computes the stride-1 row, so s times the FLOPs, plus the copy of the input.
     */
    static Cost depthwise(Conv2dParams p) {
        double bytes = 4.0 * (2.0 * p.inputSize() + p.weightSize() + p.outputSize());
        return Cost.of(p.flops() * p.strideW(), bytes, DEPTHWISE_VECTOR_EFFICIENCY);
    }

    /** The column matrix is written once and read by the GEMM; then one GEMM per (batch, group). */
    static Cost im2col(Conv2dParams p) {
        int m = p.outPerGroup();
        int n = p.outHeight() * p.outWidth();
        int k = p.inPerGroup() * p.kernelH() * p.kernelW();
        Cost gemm = CostModel.gemm(m, n, k, GemmTiling.choose(m, n, k));
        double copies = (double) p.batch() * p.groups();
        // a pointwise conv multiplies the input in place (Im2colConv.isPointwise): no column matrix to write
        // large images are lowered in column blocks (Im2colConv.CHUNK) that stay in cache when a block fits half of
        // L2; otherwise the columns are written and read back once
        boolean blockInCache = n > 2 * Im2colConv.CHUNK
                && 4L * k * Im2colConv.CHUNK <= CacheSizes.detected().l2Bytes() / 2;
        double columns = blockInCache ? 0 : 2.0 * k * n;
        double lowering = Im2colConv.isPointwise(p) ? 0
                : 4.0 * copies * (columns + (double) p.inPerGroup() * p.height() * p.width());
        // the output is pre-filled with the bias, then every GEMM pass reads and writes it
        double biasPass = 4.0 * copies * 2.0 * m * n;
        return Cost.of(gemm.flops() * copies, gemm.bytes() * copies + lowering + biasPass, 1);
    }

    /**
     * Implicit GEMM (ImplicitGemmConv): the executed FLOPs include the padded row group and the discarded columns
     * of the phase planes; copying a panel's B rows before the row groups use it costs about
     * {@link #BLOCK_COPY_STEPS} of a micro-kernel step per row and panel (so it weighs most when few output channels
     * share the copy). Bytes: the weights, the phase-plane copy (none when the input is used in place), one pass
     * over the planes, and the output written once (bias folded in).
     */
    static Cost implicitGemm(Conv2dParams p) {
        PhasePlanes planes = new PhasePlanes(p);
        int m = p.outPerGroup();
        double mPad = Math.ceil(m / (double) ImplicitGemmConv.MR) * ImplicitGemmConv.MR;
        double k = (double) p.inPerGroup() * p.kernelH() * p.kernelW();
        double columns = Math.ceil(planes.columns() / (double) GemmKernel.NR) * GemmKernel.NR;
        double images = (double) p.batch() * p.groups();
        double copySteps = BLOCK_COPY_STEPS * ImplicitGemmConv.MR * k * columns;
        double planeFloats = planes.bufferSize(0);
        double copy = planes.direct() ? 0 : (double) p.inPerGroup() * p.height() * p.width() + planeFloats;
        double floats = m * k + copy + planeFloats + (double) m * p.outHeight() * p.outWidth();
        return Cost.of(2.0 * (mPad * k * columns + copySteps) * images, 4.0 * floats * images,
                IMPLICIT_GEMM_EFFICIENCY);
    }

    static Cost winograd(Conv2dParams p, int m) {
        int alpha = m + 2;
        double a2 = (double) alpha * alpha;
        double tiles = (double) p.batch() * ceilDiv(p.outHeight(), m) * ceilDiv(p.outWidth(), m);
        double c = p.inChannels();
        double oc = p.outChannels();
        Cost gemm = CostModel.gemm(p.outChannels(), (int) Math.min(Integer.MAX_VALUE, tiles), p.inChannels(),
                GemmTiling.choose(p.outChannels(), (int) Math.min(Integer.MAX_VALUE, tiles), p.inChannels()));
        Cost gemms = Cost.of(gemm.flops() * a2, gemm.bytes() * a2, 1);
        double inputTransform = 4.0 * alpha * a2 * c * tiles;
        double outputTransform = 2.0 * (m * a2 + (double) m * m * alpha) * oc * tiles;
        double weightTransform = 2.0 * (alpha * 9.0 + a2 * 3) * oc * c;
        double transformBytes = 4.0 * (c * tiles * a2 * 2 + oc * tiles * a2 + (double) p.outputSize()
                + (double) p.inputSize() * a2 / (m * m) + oc * c * a2);
        Cost transforms = Cost.of(inputTransform + outputTransform + weightTransform, transformBytes,
                TRANSFORM_EFFICIENCY);
        return gemms.plus(transforms);
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
