package org.walle.engine.simd;

import org.walle.engine.simd.internal.ConvCosts;

/** The Conv2D algorithms of cpu-simd; the search picks the cheapest supported one by {@link #cost}. */
public enum ConvAlgorithm {
    /** Direct sliding window: every output row accumulates shifted input rows (any geometry). */
    SLIDING_WINDOW,
    /** Lower the input to a {@code [C/g*KH*KW, OH*OW]} matrix and run one GEMM per group (any geometry). */
    IM2COL_GEMM,
    /** Winograd F(2,3): 3x3, stride 1, dilation 1, one group; 2.25x fewer multiplies. */
    WINOGRAD_F2,
    /** Winograd F(4,3): 4x fewer multiplies, larger transforms. */
    WINOGRAD_F4,
    /** Winograd F(6,3): 5.06x fewer multiplies, the least accurate in float. */
    WINOGRAD_F6,
    /** One input channel per group (depthwise and channel-multiplier convs), vectorised along the output row. */
    DEPTHWISE,
    /**
     * GEMM whose B matrix is read straight from the (zero-bordered, stride-phase split) input instead of a lowered
     * im2col copy; bias in the accumulators, output written once (any geometry).
     */
    IMPLICIT_GEMM;

    /** The output-tile size m of the Winograd variants, 0 for the others. */
    public int winogradTile() {
        return switch (this) {
            case WINOGRAD_F2 -> 2;
            case WINOGRAD_F4 -> 4;
            case WINOGRAD_F6 -> 6;
            default -> 0;
        };
    }

    public boolean supports(Conv2dParams p) {
        return unsupportedReason(p) == null;
    }

    /** Why this algorithm cannot run {@code p}, or null when it can. */
    public String unsupportedReason(Conv2dParams p) {
        if (winogradTile() > 0) {
            if (p.kernelH() != 3 || p.kernelW() != 3) {
                return name() + " needs a 3x3 kernel, got " + p.kernelH() + "x" + p.kernelW();
            }
            if (p.strideH() != 1 || p.strideW() != 1 || p.dilationH() != 1 || p.dilationW() != 1) {
                return name() + " needs stride 1 and dilation 1";
            }
            if (p.groups() != 1) {
                return name() + " needs groups = 1, got " + p.groups();
            }
        }
        if (this == DEPTHWISE && p.inPerGroup() != 1) {
            return "DEPTHWISE needs one input channel per group, got " + p.inPerGroup();
        }
        return null;
    }

    /** Modelled FLOPs and memory traffic of running {@code p} with this algorithm. */
    public Cost cost(Conv2dParams p) {
        return ConvCosts.cost(this, p);
    }
}
