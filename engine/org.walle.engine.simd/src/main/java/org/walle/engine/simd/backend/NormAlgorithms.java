package org.walle.engine.simd.backend;

import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.CommandCost;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.ref.Operand;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.simd.CostModel;
import org.walle.engine.simd.LayerNorm;
import org.walle.engine.simd.Reduce;
import org.walle.engine.simd.ReduceOp;
import org.walle.engine.simd.Softmax;

/** REDUCE, SOFTMAX and LAYER_NORM over their {@code [outer, axis, inner]} views. */
final class NormAlgorithms {
    private NormAlgorithms() {
    }

    static Creation reduce(Command c, Env env) {
        Params.Reduce p = (Params.Reduce) c.params();
        ReduceOp op = switch (p.kind()) {
            case SUM -> ReduceOp.SUM;
            case MEAN -> ReduceOp.MEAN;
            case MAX -> ReduceOp.MAX;
            case MIN -> ReduceOp.MIN;
            case PROD -> ReduceOp.PROD;
            default -> null;
        };
        if (op == null) {
            return Creation.unsupported("no cpu-simd kernel for REDUCE " + p.kind());
        }
        if (p.axis() < 1) {
            return Creation.unsupported("REDUCE over an empty axis");
        }
        int inSize = p.outer() * p.axis() * p.inner();
        int outSize = p.outer() * p.inner();
        return Creation.of(new Algorithm("vector-" + op.name().toLowerCase(), CommandCost.flops(c),
                env.seconds(CostModel.reduce(p.outer(), p.axis(), p.inner())), () -> (in, out) -> {
                    float[] x = Floats.read(in[0], inSize);
                    float[] y = Floats.target(out[0], outSize);
                    Reduce.run(op, x, y, p.outer(), p.axis(), p.inner(), env.threads());
                    Floats.commit(out[0], y, outSize);
                }));
    }

    /** Mode "softmax" on the vector kernel; "log" and "hard" on {@link SoftmaxModes}. */
    static Creation softmax(Command c, Env env) {
        Params.Softmax p = (Params.Softmax) c.params();
        boolean plain = "softmax".equals(p.mode());
        if (!plain && !"log".equals(p.mode()) && !"hard".equals(p.mode())) {
            return Creation.unsupported("no cpu-simd kernel for softmax mode '" + p.mode() + "'");
        }
        if (p.axis() < 1 || p.inner() < 1) {
            return Creation.unsupported("SOFTMAX over an empty axis");
        }
        int n = p.outer() * p.axis() * p.inner();
        String name = !plain ? p.mode() + "-lines" : p.inner() == 1 ? "vector-rows" : "strided-columns";
        boolean log = "log".equals(p.mode());
        return Creation.of(new Algorithm(name, CommandCost.flops(c),
                env.seconds(CostModel.softmax(p.outer(), p.axis(), p.inner())), () -> (in, out) -> {
                    float[] x = Floats.read(in[0], n);
                    float[] y = Floats.target(out[0], n);
                    if (plain) {
                        Softmax.run(x, y, p.outer(), p.axis(), p.inner(), env.threads());
                    } else {
                        SoftmaxModes.run(log, x, y, p.outer(), p.axis(), p.inner(), env.threads());
                    }
                    Floats.commit(out[0], y, n);
                }));
    }

    /** Inputs X, scale, optional bias ([inner] each); outputs Y and, when asked, mean and 1/stddev per row. */
    static Creation layerNorm(Command c, Env env) {
        Params.LayerNorm p = (Params.LayerNorm) c.params();
        if (p.inner() < 1 || !(p.epsilon() >= 0)) {
            return Creation.unsupported("LAYER_NORM needs rows of at least one element and epsilon >= 0");
        }
        int rows = p.outer();
        int cols = p.inner();
        int n = rows * cols;
        boolean hasBias = c.inputs().size() > 2 && c.inputs().get(2) != null;
        return Creation.of(new Algorithm("vector-rows", CommandCost.flops(c),
                env.seconds(CostModel.layerNorm(rows, cols)), () -> (in, out) -> {
                    float[] x = Floats.read(in[0], n);
                    float[] gamma = Floats.read(in[1], cols);
                    float[] beta = hasBias ? Floats.read(in[2], cols) : null;
                    float[] y = Floats.target(out[0], n);
                    LayerNorm.run(x, gamma, beta, y, rows, cols, p.epsilon(), env.threads());
                    Floats.commit(out[0], y, n);
                    if (out.length > 1) {
                        statistics(x, rows, cols, p.epsilon(), out);
                    }
                }));
    }

    /** The optional Mean and InvStdDev outputs, in double like the reference kernel. */
    private static void statistics(float[] x, int rows, int cols, float eps, Operand[] out) {
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int j = 0; j < cols; j++) {
                mean += x[r * cols + j];
            }
            mean /= cols;
            double var = 0;
            for (int j = 0; j < cols; j++) {
                double d = x[r * cols + j] - mean;
                var += d * d;
            }
            if (out[1] != null) {
                out[1].set(r, mean);
            }
            if (out.length > 2 && out[2] != null) {
                out[2].set(r, 1 / Math.sqrt(var / cols + eps));
            }
        }
    }
}
