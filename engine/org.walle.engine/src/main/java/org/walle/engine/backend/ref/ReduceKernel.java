package org.walle.engine.backend.ref;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;

/** Reduces the middle axis of an {@code [outer, axis, inner]} view into {@code [outer, inner]}. */
final class ReduceKernel {
    private ReduceKernel() {
    }

    static void run(Command c, Operand[] in, Operand[] out) {
        Params.Reduce p = (Params.Reduce) c.params();
        Operand x = in[0];
        Operand y = out[0];
        boolean floats = x.isFloat();
        for (int o = 0; o < p.outer(); o++) {
            for (int i = 0; i < p.inner(); i++) {
                int base = o * p.axis() * p.inner() + i;
                int at = o * p.inner() + i;
                switch (p.kind()) {
                    case ARGMAX, ARGMIN -> y.setLong(at, arg(p, x, base));
                    default -> {
                        if (floats) {
                            y.set(at, reduce(p, x, base));
                        } else {
                            y.setLong(at, reduceLong(p, x, base));
                        }
                    }
                }
            }
        }
    }

    private static double reduce(Params.Reduce p, Operand x, int base) {
        int n = p.axis();
        int step = p.inner();
        switch (p.kind()) {
            case SUM, MEAN -> {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += x.get(base + j * step);
                }
                return p.kind() == Params.ReduceKind.MEAN ? s / n : s;
            }
            case PROD -> {
                double s = 1;
                for (int j = 0; j < n; j++) {
                    s *= x.get(base + j * step);
                }
                return s;
            }
            case MAX, MIN -> {
                boolean max = p.kind() == Params.ReduceKind.MAX;
                double s = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    double v = x.get(base + j * step);
                    if (Double.isNaN(v)) {
                        return v;
                    }
                    s = max ? Math.max(s, v) : Math.min(s, v);
                }
                return s;
            }
            default -> throw new IllegalStateException(p.kind().name());
        }
    }

    private static long reduceLong(Params.Reduce p, Operand x, int base) {
        int n = p.axis();
        int step = p.inner();
        long s = switch (p.kind()) {
            case PROD -> 1;
            case MAX -> Long.MIN_VALUE;
            case MIN -> Long.MAX_VALUE;
            default -> 0;
        };
        for (int j = 0; j < n; j++) {
            long v = x.getLong(base + j * step);
            s = switch (p.kind()) {
                case PROD -> s * v;
                case MAX -> Math.max(s, v);
                case MIN -> Math.min(s, v);
                default -> s + v;
            };
        }
        return p.kind() == Params.ReduceKind.MEAN ? s / n : s;
    }

    private static long arg(Params.Reduce p, Operand x, int base) {
        boolean max = p.kind() == Params.ReduceKind.ARGMAX;
        int best = 0;
        double bestV = x.get(base);
        for (int j = 1; j < p.axis(); j++) {
            double v = x.get(base + j * p.inner());
            boolean better = max ? v > bestV : v < bestV;
            if (better || (p.selectLastIndex() && v == bestV)) {
                best = j;
                bestV = v;
            }
        }
        return best;
    }
}
