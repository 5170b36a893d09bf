package org.walle.engine.backend.ref;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;

/** Softmax family over one axis and layer normalisation over an inner block. */
final class NormKernels {
    private NormKernels() {
    }

    static void softmax(Command c, Operand[] in, Operand[] out) {
        Params.Softmax p = (Params.Softmax) c.params();
        int n = p.axis();
        int step = p.inner();
        for (int o = 0; o < p.outer(); o++) {
            for (int i = 0; i < p.inner(); i++) {
                int base = o * n * step + i;
                double max = Double.NEGATIVE_INFINITY;
                int argMax = 0;
                for (int j = 0; j < n; j++) {
                    double v = in[0].get(base + j * step);
                    if (v > max) {
                        max = v;
                        argMax = j;
                    }
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += Math.exp(in[0].get(base + j * step) - max);
                }
                for (int j = 0; j < n; j++) {
                    double v = in[0].get(base + j * step) - max;
                    double r = switch (p.mode()) {
                        case "log" -> v - Math.log(sum);
                        case "hard" -> j == argMax ? 1 : 0;
                        default -> Math.exp(v) / sum;
                    };
                    out[0].set(base + j * step, r);
                }
            }
        }
    }

    /** Inputs X, scale, optional bias (both [inner]); optional outputs mean and inverse std dev ([outer]). */
    static void layerNorm(Command c, Operand[] in, Operand[] out) {
        Params.LayerNorm p = (Params.LayerNorm) c.params();
        int n = p.inner();
        for (int o = 0; o < p.outer(); o++) {
            double mean = 0;
            for (int j = 0; j < n; j++) {
                mean += in[0].get(o * n + j);
            }
            mean /= n;
            double var = 0;
            for (int j = 0; j < n; j++) {
                double d = in[0].get(o * n + j) - mean;
                var += d * d;
            }
            var /= n;
            double inv = 1 / Math.sqrt(var + p.epsilon());
            for (int j = 0; j < n; j++) {
                double v = (in[0].get(o * n + j) - mean) * inv * in[1].get(j);
                if (in.length > 2 && in[2] != null) {
                    v += in[2].get(j);
                }
                out[0].set(o * n + j, v);
            }
            if (out.length > 1 && out[1] != null) {
                out[1].set(o, mean);
            }
            if (out.length > 2 && out[2] != null) {
                out[2].set(o, inv);
            }
        }
    }
}
