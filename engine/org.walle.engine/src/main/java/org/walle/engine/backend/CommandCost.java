package org.walle.engine.backend;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;

/**
 * Backend-independent work of one command: floating-point operations (a multiply-add counts two) and bytes moved.
 * Backends turn these into seconds with their own speeds; the profiler divides FLOPs by measured time.
 */
public final class CommandCost {
    private CommandCost() {
    }

    public static double flops(Command c) {
        long out = c.outputs().isEmpty() ? 0 : c.outputs().get(0).elements();
        return switch (c.op()) {
            case RASTER, INDEXED_COPY -> 0;
            case UNARY -> out * unaryFlops(((Params.Unary) c.params()).kind());
            case BINARY, SELECT -> out;
            case REDUCE -> {
                Params.Reduce r = (Params.Reduce) c.params();
                yield (double) r.outer() * r.axis() * r.inner();
            }
            case MATMUL -> {
                Params.MatMul m = (Params.MatMul) c.params();
                yield 2.0 * m.m() * m.n() * m.k();
            }
            case POOL -> out * (double) product(((Params.Pool) c.params()).kernel());
            case LOOP -> {
                Params.Loop l = (Params.Loop) c.params();
                yield l.count() * flops(l.body());
            }
            case CONV, CONV_DEPTHWISE -> {
                PlanTensor w = c.inputs().get(1);
                yield 2.0 * out * (w.elements() / Math.max(1, w.shape().get(0)));
            }
            case CONV_TRANSPOSE -> {
                PlanTensor x = c.inputs().get(0);
                PlanTensor w = c.inputs().get(1);
                yield 2.0 * x.elements() * (w.elements() / Math.max(1, w.shape().get(0)));
            }
            case SOFTMAX -> 5.0 * out;
            case LAYER_NORM -> 8.0 * out;
            case RESIZE -> 4.0 * out;
            case SCAN_AXIS -> out * 4.0;
        };
    }

    /** Bytes read and written, counting every operand once (a lower bound on memory traffic). */
    public static long bytes(Command c) {
        if (c.op() == AtomicOp.LOOP) {
            return ((Params.Loop) c.params()).count() * bytes(((Params.Loop) c.params()).body());
        }
        if (c.op() == AtomicOp.RASTER) {
            long moved = 0;
            for (var r : ((Params.Raster) c.params()).regions()) {
                moved += r.elements();
            }
            return 2 * moved * c.outputs().get(0).dtype().byteSize();
        }
        return operandBytes(c);
    }

    /** The bytes of every operand, inputs and outputs: what moves when the command changes memory domain. */
    public static long operandBytes(Command c) {
        long sum = 0;
        for (PlanTensor t : c.inputs()) {
            sum += t.bytes();
        }
        for (PlanTensor t : c.outputs()) {
            sum += t.bytes();
        }
        return sum;
    }

    private static double unaryFlops(Params.UnaryKind kind) {
        return switch (kind) {
            case EXP, LOG, ERF, SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, ASINH, ACOSH, ATANH, SIGMOID, ELU,
                    SELU, CELU, SOFTPLUS, GELU, GELU_TANH, MISH -> 10;
            default -> 1;
        };
    }

    private static long product(int[] values) {
        long p = 1;
        for (int v : values) {
            p *= v;
        }
        return p;
    }
}
