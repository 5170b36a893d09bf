package org.walle.engine.decompose;

/**
 * The closed set of atomic ops that backends implement. Every framework operator is rewritten into these plus
 * {@link Region}s; adding an ONNX op should compose existing ones rather than grow this enum.
 */
public enum AtomicOp {
    // --- Data movement: copies described by regions, no arithmetic
    /** Copies regions of source tensors into one destination (optionally pre-filled with a constant). */
    RASTER,

    // --- Element-wise
    /** One input, one output of the same size; the function is a {@link Params.UnaryKind}. */
    UNARY,
    /** Two inputs of the output's size, or one repeated ({@link Params.Broadcast}); a {@link Params.BinaryKind}. */
    BINARY,
    /** {@code out = cond ? a : b}, all three of the output's size. */
    SELECT,

    // --- Reductions
    /** Reduces the middle axis of an {@code [outer, axis, inner]} view. */
    REDUCE,

    // --- Linear algebra
    /** {@code C[m,n] = A[m,k] x B[k,n]} with optional transposes and a broadcast bias row. */
    MATMUL,

    // --- Windowed
    /** Max / average pooling over N-d windows of an NC... tensor. */
    POOL,

    // --- Control
    /** Repeats a body command N times, shifting each operand by a per-iteration offset (Gather, batched MatMul). */
    LOOP,

    // --- Native: kept whole because a dedicated kernel is much faster or simpler than its decomposition
    /** Direct convolution with constant weights (any group count, N-d). */
    CONV,
    /** Depthwise convolution (group == input channels == output channels). */
    CONV_DEPTHWISE,
    /** Transposed convolution (gradient of CONV), scatter form. */
    CONV_TRANSPOSE,
    /** Softmax / LogSoftmax / Hardmax over the middle axis of an {@code [outer, axis, inner]} view. */
    SOFTMAX,
    /** Normalises the inner block of an {@code [outer, inner]} view, then scales and shifts. */
    LAYER_NORM,
    /** Nearest / linear resampling of the spatial axes. */
    RESIZE,
    /** Cumulative sum, top-k and other index-producing scans along one axis. */
    SCAN_AXIS,
    /** Element gathers/scatters addressed by an index tensor (GatherElements, ScatterElements, GatherND...). */
    INDEXED_COPY
}
