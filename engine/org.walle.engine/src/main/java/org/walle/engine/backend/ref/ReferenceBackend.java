package org.walle.engine.backend.ref;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;

/**
 * The scalar reference CPU backend: one plain loop nest per atomic op, the oracle every faster backend is checked
 * against. Kernels are grouped by family, one class each, dispatched by the atomic op's name.
 */
public final class ReferenceBackend {
    private ReferenceBackend() {
    }

    /** Runs one command; operands are in the command's input and output order. */
    public static void execute(Command c, Operand[] in, Operand[] out) {
        AtomicOp op = c.op();
        switch (op) {
            case RASTER -> RasterKernel.run(c, in, out);
            case UNARY -> UnaryKernel.run(c, in, out);
            case BINARY -> BinaryKernel.run(c, in, out);
            case SELECT -> BinaryKernel.select(c, in, out);
            case REDUCE -> ReduceKernel.run(c, in, out);
            case MATMUL -> MatMulKernel.run(c, in, out);
            case POOL -> PoolKernel.run(c, in, out);
            case LOOP -> LoopKernel.run(c, in, out);
            case CONV, CONV_DEPTHWISE -> ConvKernel.run(c, in, out);
            case CONV_TRANSPOSE -> ConvKernel.transpose(c, in, out);
            case SOFTMAX -> NormKernels.softmax(c, in, out);
            case LAYER_NORM -> NormKernels.layerNorm(c, in, out);
            case RESIZE -> ResizeKernel.run(c, in, out);
            case SCAN_AXIS -> ScanKernel.run(c, in, out);
            case INDEXED_COPY -> IndexedKernel.run(c, in, out);
        }
    }
}
