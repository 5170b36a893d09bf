package org.walle.engine.opencl.backend;

/**
 * A command lowered to device work: the launches, the algorithm name reported to the search, how many kernel
 * launches one execution enqueues (each beyond the first costs the measured launch overhead), and which measured
 * compute rate its cost formula uses.
 */
record Lowered(DeviceOp op, String algorithm, long launches, Rate rate) {

    /** The calibrated throughput a kernel family achieves. */
    enum Rate {
        /** The local-memory tiled GEMM. */
        TILED,
        /** The register-blocked GEMM (4 x 8 outputs per work-item), also behind im2col convolution. */
        BLOCKED,
        /** One work-item per output with a plain loop: direct GEMM, direct convolution, element-wise, reductions. */
        DIRECT
    }

    Lowered(DeviceOp op, String algorithm, long launches) {
        this(op, algorithm, launches, Rate.DIRECT);
    }
}
