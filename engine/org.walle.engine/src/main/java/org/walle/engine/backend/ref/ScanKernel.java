package org.walle.engine.backend.ref;

import java.util.Arrays;
import java.util.Comparator;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;

/** Order-dependent passes along the middle axis of an {@code [outer, axis, inner]} view: CumSum and TopK. */
final class ScanKernel {
    private ScanKernel() {
    }

    static void run(Command c, Operand[] in, Operand[] out) {
        Params.ScanAxis p = (Params.ScanAxis) c.params();
        if (p.kind().equals("topk")) {
            topK(p, in[0], out[0], out[1]);
        } else {
            cumSum(p, in[0], out[0]);
        }
    }

    private static void cumSum(Params.ScanAxis p, Operand x, Operand y) {
        int n = p.axis();
        for (int o = 0; o < p.outer(); o++) {
            for (int i = 0; i < p.inner(); i++) {
                double acc = 0;
                long accL = 0;
                for (int jj = 0; jj < n; jj++) {
                    int j = p.flagB() ? n - 1 - jj : jj;
                    int at = (o * n + j) * p.inner() + i;
                    if (p.flagA()) {
                        write(y, at, acc, accL);
                    }
                    acc += x.isFloat() ? x.get(at) : 0;
                    accL += x.isFloat() ? 0 : x.getLong(at);
                    if (!p.flagA()) {
                        write(y, at, acc, accL);
                    }
                }
            }
        }
    }

    private static void write(Operand y, int at, double acc, long accL) {
        if (y.isFloat()) {
            y.set(at, acc);
        } else {
            y.setLong(at, accL);
        }
    }

    /** Stable selection: equal values keep the lower index first, as ONNX specifies. */
    private static void topK(Params.ScanAxis p, Operand x, Operand values, Operand indices) {
        int n = p.axis();
        int k = p.k();
        Integer[] order = new Integer[n];
        for (int o = 0; o < p.outer(); o++) {
            for (int i = 0; i < p.inner(); i++) {
                int base = o * n * p.inner() + i;
                for (int j = 0; j < n; j++) {
                    order[j] = j;
                }
                Comparator<Integer> byValue = Comparator.comparingDouble(j -> x.get(base + j * p.inner()));
                Arrays.sort(order, p.flagA() ? byValue.reversed().thenComparing(j -> j) : byValue.thenComparing(j -> j));
                for (int j = 0; j < k; j++) {
                    int at = (o * k + j) * p.inner() + i;
                    values.data().copy(values.offset() + at, x.data(), x.offset() + base + order[j] * p.inner());
                    indices.setLong(at, order[j]);
                }
            }
        }
    }
}
