package org.walle.engine.backend.ref;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;

/** {@code C[m,n] = alpha * op(A) x op(B) + beta * bias[m,n]}, accumulated in double. */
final class MatMulKernel {
    private MatMulKernel() {
    }

    static void run(Command c, Operand[] in, Operand[] out) {
        Params.MatMul p = (Params.MatMul) c.params();
        Operand a = in[0];
        Operand b = in[1];
        Operand bias = in.length > 2 ? in[2] : null;
        Operand y = out[0];
        int m = p.m();
        int n = p.n();
        int k = p.k();
        boolean floats = y.isFloat();
        if (floats) {
            runFloat(p, a.toDoubles(m * k), b.toDoubles(k * n), bias, y);
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (floats) {
                    double acc = 0;
                    for (int q = 0; q < k; q++) {
                        acc += a.get(p.transA() ? q * m + i : i * k + q) * b.get(p.transB() ? j * k + q : q * n + j);
                    }
                    double v = p.alpha() * acc;
                    if (bias != null) {
                        v += p.beta() * bias.get(i * n + j);
                    }
                    y.set(i * n + j, v);
                } else {
                    long acc = 0;
                    for (int q = 0; q < k; q++) {
                        acc += a.getLong(p.transA() ? q * m + i : i * k + q)
                                * b.getLong(p.transB() ? j * k + q : q * n + j);
                    }
                    y.setLong(i * n + j, bias != null ? acc + bias.getLong(i * n + j) : acc);
                }
            }
        }
    }

    /** Float path over arrays read once; B is transposed to rows so the inner loop walks both operands in order. */
    private static void runFloat(Params.MatMul p, double[] a, double[] b, Operand bias, Operand y) {
        int m = p.m();
        int n = p.n();
        int k = p.k();
        double[] bt = new double[n * k];
        for (int q = 0; q < k; q++) {
            for (int j = 0; j < n; j++) {
                bt[j * k + q] = p.transB() ? b[j * k + q] : b[q * n + j];
            }
        }
        double[] row = new double[k];
        for (int i = 0; i < m; i++) {
            for (int q = 0; q < k; q++) {
                row[q] = p.transA() ? a[q * m + i] : a[i * k + q];
            }
            for (int j = 0; j < n; j++) {
                double acc = 0;
                int base = j * k;
                for (int q = 0; q < k; q++) {
                    acc += row[q] * bt[base + q];
                }
                double v = p.alpha() * acc;
                if (bias != null) {
                    v += p.beta() * bias.get(i * n + j);
                }
                y.set(i * n + j, v);
            }
        }
    }
}
