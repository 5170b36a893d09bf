package org.walle.engine.simd.backend;

import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.CommandCost;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.Execution;
import org.walle.engine.backend.ref.Operand;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.Params;
import org.walle.engine.simd.BinaryOp;
import org.walle.engine.simd.CostModel;
import org.walle.engine.simd.Elementwise;
import org.walle.engine.simd.Parallel;
import org.walle.engine.simd.UnaryOp;
import org.walle.engine.simd.internal.ClampRows;
import org.walle.engine.simd.internal.RowFunction;

/** UNARY and BINARY commands on the vectorised {@link Elementwise} loops; operands have the output's size or repeat. */
final class ElementwiseAlgorithms {
    private ElementwiseAlgorithms() {
    }

    static Creation unary(Command c, Env env) {
        Params.Unary p = (Params.Unary) c.params();
        int n = c.outputs().get(0).elements();
        if (c.inputs().get(0).elements() != n) {
            return Creation.unsupported("UNARY input size " + c.inputs().get(0).elements() + " differs from output "
                    + n);
        }
        Execution run;
        String name;
        UnaryOp op = unaryOp(p.kind());
        if (op != null) {
            name = "vector-" + op.name().toLowerCase();
            run = (in, out) -> apply(in, out, n, (x, y) -> Elementwise.unary(op, x, y, n, env.threads()));
        } else if (p.kind() == UnaryKind.IDENTITY) {
            name = "copy";
            run = (in, out) -> System.arraycopy(Floats.array(in[0]), in[0].offset(), Floats.array(out[0]),
                    out[0].offset(), n);
        } else if (Activations.covers(p.kind())) {
            name = "vector-" + p.kind().name().toLowerCase().replace('_', '-');
            run = (in, out) -> apply(in, out, n, (x, y) -> Activations.unary(p.kind(), p.alpha(), p.beta(), x, y, n,
                    env.threads()));
        } else if (p.kind() == UnaryKind.CLIP) {
            float lo = p.alpha();
            float hi = p.beta();
            if (!(lo <= hi)) {
                return Creation.unsupported("CLIP bounds out of order (min " + lo + " > max " + hi + ")");
            }
            name = "vector-clamp";
            run = (in, out) -> apply(in, out, n, (x, y) -> Elementwise.clamp(x, y, n, lo, hi, env.threads()));
        } else {
            return Creation.unsupported("no cpu-simd kernel for UNARY " + p.kind());
        }
        // the transcendental activations cost about ten operations per element, as CommandCost counts them
        int opsPerElement = (int) Math.max(1, CommandCost.flops(c) / Math.max(1, n));
        double seconds = env.seconds(CostModel.streaming(n, 1, 1, opsPerElement));
        return Creation.of(new Algorithm(name, CommandCost.flops(c), seconds, () -> run));
    }

    static Creation binary(Command c, Env env) {
        Params.Binary p = (Params.Binary) c.params();
        BinaryOp op = binaryOp(p.kind());
        if (op == null && p.kind() != BinaryKind.PRELU) {
            return Creation.unsupported("no cpu-simd kernel for BINARY " + p.kind());
        }
        int n = c.outputs().get(0).elements();
        for (int i = 0; i < 2; i++) {
            if (c.inputs().get(i).elements() < p.operandSize(i, n)) {
                return Creation.unsupported("BINARY operand " + i + " has " + c.inputs().get(i).elements()
                        + " elements, needs " + p.operandSize(i, n));
            }
        }
        Params.Broadcast bc = p.broadcast();
        if (bc != null && op == null && bc.operand() == 0) {
            return Creation.unsupported("PRELU with a broadcast input (only the slope may repeat)");
        }
        Execution run = bc == null ? sameSize(op, n, env) : broadcast(op, bc, n, env);
        double seconds = env.seconds(CostModel.elementwise(n, bc == null ? 2 : 1));
        String name = "vector-" + (op == null ? "prelu" : op.name().toLowerCase()) + (bc == null ? "" : "-broadcast");
        return Creation.of(new Algorithm(name, CommandCost.flops(c), seconds, () -> run));
    }

    private static Execution sameSize(BinaryOp op, int n, Env env) {
        return (in, out) -> {
            float[] a = Floats.read(in[0], n);
            float[] b = Floats.read(in[1], n);
            float[] y = Floats.target(out[0], n);
            if (op == null) {
                Activations.prelu(a, b, y, n, env.threads());
            } else {
                Elementwise.binary(op, a, b, y, n, env.threads());
            }
            Floats.commit(out[0], y, n);
        };
    }

    /** The full-size operand streams, the repeated one ({@code mid} values) is read per row. */
    private static Execution broadcast(BinaryOp op, Params.Broadcast bc, int n, Env env) {
        int full = 1 - bc.operand();
        return (in, out) -> {
            float[] x = Floats.read(in[full], n);
            float[] small = Floats.read(in[bc.operand()], bc.mid());
            float[] y = Floats.target(out[0], n);
            if (op == null) {
                Activations.prelu(x, small, y, bc.outer(), bc.mid(), bc.inner(), env.threads());
            } else {
                Elementwise.binary(op, x, small, y, bc.outer(), bc.mid(), bc.inner(), bc.operand() == 0,
                        env.threads());
            }
            Floats.commit(out[0], y, n);
        };
    }

    /**
     * SELECT ({@code out = cond ? a : b}, Where): the BOOL condition is read through its operand (it lives in the
     * byte arena), the float32 values from their arrays; splits over the threads like the other loops.
     */
    static Creation select(Command c, Env env) {
        int n = c.outputs().get(0).elements();
        for (int i = 0; i < 3; i++) {
            if (c.inputs().get(i).elements() != n) {
                return Creation.unsupported("SELECT operand " + i + " has " + c.inputs().get(i).elements()
                        + " elements, the output " + n);
            }
        }
        double seconds = env.seconds(CostModel.streaming(n, 3, 1, 1));
        return Creation.of(new Algorithm("select", CommandCost.flops(c), seconds, () -> (in, out) -> {
            float[] a = Floats.array(in[1]);
            float[] b = Floats.array(in[2]);
            float[] y = Floats.array(out[0]);
            int ao = in[1].offset();
            int bo = in[2].offset();
            int yo = out[0].offset();
            Parallel.forRange(env.threads(), n, 1 << 15, (from, to) -> {
                for (int i = from; i < to; i++) {
                    y[yo + i] = in[0].getLong(i) != 0 ? a[ao + i] : b[bo + i];
                }
            });
        }));
    }

    /** Whether {@link #activationRows} covers a convolution's fused activation. */
    static boolean coversActivation(Params.Unary a) {
        return switch (a.kind()) {
            case RELU, SIGMOID -> true;
            case CLIP -> a.alpha() <= a.beta();
            default -> Activations.covers(a.kind());
        };
    }

    /** The activation as a function on blocks of output rows, for kernels that apply it block by block. */
    static RowFunction activationRows(Params.Unary a) {
        UnaryOp op = unaryOp(a.kind());
        float lo = a.kind() == UnaryKind.RELU ? 0f : a.alpha();
        float hi = a.kind() == UnaryKind.RELU ? Float.POSITIVE_INFINITY : a.beta();
        return switch (a.kind()) {
            case CLIP, RELU -> new ClampRows(lo, hi);
            case SIGMOID -> (y, off, rows, stride, len) -> {
                for (int r = 0, o = off; r < rows; r++, o += stride) {
                    for (int i = o; i < o + len; i++) {
                        y[i] = op.apply(y[i]);
                    }
                }
            };
            default -> (y, off, rows, stride, len) -> {
                for (int r = 0, o = off; r < rows; r++, o += stride) {
                    Activations.range(a.kind(), a.alpha(), a.beta(), y, y, o, o + len);
                }
            };
        };
    }

    private interface ArrayKernel {
        void run(float[] x, float[] y);
    }

    private static void apply(Operand[] in, Operand[] out, int n, ArrayKernel kernel) {
        float[] x = Floats.read(in[0], n);
        float[] y = Floats.target(out[0], n);
        kernel.run(x, y);
        Floats.commit(out[0], y, n);
    }

    static UnaryOp unaryOp(UnaryKind kind) {
        return switch (kind) {
            case NEG -> UnaryOp.NEG;
            case ABS -> UnaryOp.ABS;
            case SQRT -> UnaryOp.SQRT;
            case RECIPROCAL -> UnaryOp.RECIPROCAL;
            case EXP -> UnaryOp.EXP;
            case LOG -> UnaryOp.LOG;
            case TANH -> UnaryOp.TANH;
            case SIGMOID -> UnaryOp.SIGMOID;
            case RELU -> UnaryOp.RELU;
            case FLOOR -> UnaryOp.FLOOR;
            case CEIL -> UnaryOp.CEIL;
            default -> null;
        };
    }

    static BinaryOp binaryOp(BinaryKind kind) {
        return switch (kind) {
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case POW -> BinaryOp.POW;
            case MAX -> BinaryOp.MAX;
            case MIN -> BinaryOp.MIN;
            default -> null;
        };
    }
}
