package org.walle.engine.simd;

import org.walle.engine.simd.internal.GemmKernel;

/**
 * Cost formulas (FLOPs and DRAM traffic) of the cpu-simd algorithms. Efficiencies are fractions of the calibrated
 * GEMM speed that each loop shape reaches on the benchmark machine (docs/backends.md lists the measurements).
 */
public final class CostModel {

    /** Streaming loops (elementwise, reductions): one FMA-class op per loaded element, bound by loads. */
    public static final double STREAMING_EFFICIENCY = 0.25;

    private CostModel() {
    }

    /**
     * Tiled GEMM: A is read once (its mc x kc block is then reused from L2 by every panel), B is read and written
     * once while packing and its packed copy is re-read once per mc row block, C is read and written once per kc
     * pass (the first pass only writes it).
     */
    public static Cost gemm(int m, int n, int k, GemmTiling tiling) {
        double nPad = Math.ceil((double) n / GemmKernel.NR) * GemmKernel.NR;
        double rowBlocks = Math.ceil((double) m / tiling.mc());
        double kPasses = Math.max(1, Math.ceil((double) k / tiling.kc()));
        double floats = (double) m * k + 2.0 * k * n + k * nPad * rowBlocks + (double) m * n * (2 * kPasses - 1);
        return Cost.of(2.0 * m * n * k, 4 * floats, 1.0);
    }

    /** Elementwise/reduction loop over {@code elements} outputs reading {@code inputs} arrays of that size. */
    public static Cost streaming(long elements, int inputs, int outputs, int flopsPerElement) {
        return Cost.of((double) elements * flopsPerElement, 4.0 * elements * (inputs + outputs),
                STREAMING_EFFICIENCY);
    }

    /** Unary/binary elementwise: one op per output; a broadcast operand is small and stays cached. */
    public static Cost elementwise(long elements, int fullSizeInputs) {
        return streaming(elements, fullSizeInputs, 1, 1);
    }

    /** Reduction of {@code [outer, axis, inner]}: every input read once, one combine each. */
    public static Cost reduce(int outer, int axis, int inner) {
        double in = (double) outer * axis * inner;
        return Cost.of(in, 4.0 * (in + (double) outer * inner), STREAMING_EFFICIENCY);
    }

    /** Softmax: max, exp-and-sum, scale: about 4 ops per element (exp counted as 2); x read twice, y twice. */
    public static Cost softmax(int outer, int axis, int inner) {
        double n = (double) outer * axis * inner;
        return Cost.of(4 * n, 4.0 * 4 * n, STREAMING_EFFICIENCY);
    }

    /** LayerNorm: mean, centred variance, normalise-scale-shift: about 6 ops per element, x read three times. */
    public static Cost layerNorm(int rows, int cols) {
        double n = (double) rows * cols;
        return Cost.of(6 * n, 4.0 * (4 * n + 2.0 * cols), STREAMING_EFFICIENCY);
    }

    /** Pooling: one compare/add per window tap; the input is read about once (windows overlap in cache). */
    public static Cost pooling(PoolParams p) {
        double taps = (double) p.outputSize() * p.kernelH() * p.kernelW();
        return Cost.of(taps, 4.0 * ((double) p.inputSize() + p.outputSize()), STREAMING_EFFICIENCY);
    }
}
