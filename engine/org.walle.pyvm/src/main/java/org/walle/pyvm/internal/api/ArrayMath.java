package org.walle.pyvm.internal.api;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** The numeric kernels of walle.np: broadcasting element-wise ops, reductions, matmul, transpose, softmax, top-k. */
final class ArrayMath {
    interface BinaryOp {
        float apply(float a, float b);
    }

    private ArrayMath() {
    }

    static int[] broadcastShape(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("operands could not be broadcast together with shapes "
                        + Arrays.toString(a) + " " + Arrays.toString(b));
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Strides of {@code shape} seen through the broadcast {@code out} shape (0 along broadcast axes). */
    static int[] broadcastStrides(int[] shape, int[] out) {
        int[] s = NdArray.strides(shape);
        int[] r = new int[out.length];
        int off = out.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            r[i + off] = shape[i] == 1 ? 0 : s[i];
        }
        return r;
    }

    static NdArray binary(NdArray a, NdArray b, BinaryOp op, boolean integerResult) {
        float[] x = a.data;
        float[] y = b.data;
        if (Arrays.equals(a.shape, b.shape)) {
            float[] z = new float[x.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = op.apply(x[i], y[i]);
            }
            return new NdArray(z, a.shape.clone(), integerResult);
        }
        if (y.length == 1 && b.rank() <= a.rank()) {
            float v = y[0];
            float[] z = new float[x.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = op.apply(x[i], v);
            }
            return new NdArray(z, a.shape.clone(), integerResult);
        }
        int[] out = broadcastShape(a.shape, b.shape);
        int[] sa = broadcastStrides(a.shape, out);
        int[] sb = broadcastStrides(b.shape, out);
        float[] z = new float[NdArray.size(out)];
        int[] idx = new int[out.length];
        int ia = 0;
        int ib = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] = op.apply(x[ia], y[ib]);
            for (int d = out.length - 1; d >= 0; d--) {
                idx[d]++;
                ia += sa[d];
                ib += sb[d];
                if (idx[d] < out[d]) {
                    break;
                }
                ia -= sa[d] * out[d];
                ib -= sb[d] * out[d];
                idx[d] = 0;
            }
        }
        return new NdArray(z, out, integerResult);
    }

    static NdArray unary(NdArray a, DoubleUnaryOperator f) {
        float[] z = new float[a.data.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) f.applyAsDouble(a.data[i]);
        }
        return new NdArray(z, a.shape.clone(), false);
    }

    enum Reduction { SUM, MEAN, MAX, MIN, ARGMAX, ARGMIN }

    /** Reduces along one axis, or over everything when axis is null. */
    static NdArray reduce(NdArray a, Integer axis, boolean keepDims, Reduction r) {
        if (a.size() == 0 && r != Reduction.SUM) {
            throw new IllegalArgumentException(r.name().toLowerCase() + " of an empty array");
        }
        if (axis == null) {
            NdArray flat = new NdArray(a.data, new int[] {a.size()}, a.integer);
            NdArray v = reduce(flat, 0, false, r);
            int[] shape = new int[keepDims ? a.rank() : 0];
            Arrays.fill(shape, 1);
            return new NdArray(v.data, shape, v.integer);
        }
        int ax = a.axis(axis);
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < ax; i++) {
            outer *= a.shape[i];
        }
        for (int i = ax + 1; i < a.rank(); i++) {
            inner *= a.shape[i];
        }
        int n = a.shape[ax];
        float[] z = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * n * inner + in;
                double acc = r == Reduction.SUM || r == Reduction.MEAN ? 0 : a.data[base];
                int best = 0;
                for (int k = 0; k < n; k++) {
                    float v = a.data[base + k * inner];
                    switch (r) {
                        case SUM, MEAN -> acc += v;
                        case MAX -> acc = Math.max(acc, v);
                        case MIN -> acc = Math.min(acc, v);
                        case ARGMAX -> {
                            if (v > a.data[base + best * inner]) {
                                best = k;
                            }
                        }
                        case ARGMIN -> {
                            if (v < a.data[base + best * inner]) {
                                best = k;
                            }
                        }
                    }
                }
                z[o * inner + in] = switch (r) {
                    case MEAN -> (float) (acc / n);
                    case ARGMAX, ARGMIN -> best;
                    default -> (float) acc;
                };
            }
        }
        int[] shape = keepDims ? a.shape.clone() : new int[a.rank() - 1];
        if (keepDims) {
            shape[ax] = 1;
        } else {
            for (int i = 0, j = 0; i < a.rank(); i++) {
                if (i != ax) {
                    shape[j++] = a.shape[i];
                }
            }
        }
        boolean integer = r == Reduction.ARGMAX || r == Reduction.ARGMIN
                || (a.integer && r != Reduction.MEAN);
        return new NdArray(z, shape, integer);
    }

    /** Matrix product of 1-D/2-D operands, or batched over leading dimensions (equal or broadcast). */
    static NdArray matmul(NdArray a, NdArray b) {
        boolean aVec = a.rank() == 1;
        boolean bVec = b.rank() == 1;
        NdArray a2 = aVec ? new NdArray(a.data, new int[] {1, a.shape[0]}, a.integer) : a;
        NdArray b2 = bVec ? new NdArray(b.data, new int[] {b.shape[0], 1}, b.integer) : b;
        if (a2.rank() < 2 || b2.rank() < 2) {
            throw new IllegalArgumentException("matmul needs arrays of rank >= 1");
        }
        int m = a2.shape[a2.rank() - 2];
        int k = a2.shape[a2.rank() - 1];
        int k2 = b2.shape[b2.rank() - 2];
        int n = b2.shape[b2.rank() - 1];
        if (k != k2) {
            throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(a.shape) + " and "
                    + Arrays.toString(b.shape) + " are not aligned (" + k + " != " + k2 + ")");
        }
        int[] ba = Arrays.copyOf(a2.shape, a2.rank() - 2);
        int[] bb = Arrays.copyOf(b2.shape, b2.rank() - 2);
        int[] batch = broadcastShape(ba, bb);
        int[] sa = broadcastStrides(ba, batch);
        int[] sb = broadcastStrides(bb, batch);
        int batches = NdArray.size(batch);
        float[] z = new float[batches * m * n];
        int[] idx = new int[batch.length];
        for (int bi = 0; bi < batches; bi++) {
            int offA = 0;
            int offB = 0;
            for (int d = 0; d < batch.length; d++) {
                offA += idx[d] * sa[d];
                offB += idx[d] * sb[d];
            }
            gemm(a2.data, offA * m * k, b2.data, offB * k * n, z, bi * m * n, m, k, n);
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++idx[d] < batch[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = n;
        NdArray r = new NdArray(z, shape, a.integer && b.integer);
        if (aVec && bVec) {
            return new NdArray(z, new int[0], r.integer);
        }
        if (aVec || bVec) {
            int[] s = new int[shape.length - 1];
            System.arraycopy(shape, 0, s, 0, batch.length);
            s[batch.length] = aVec ? n : m;
            return new NdArray(z, s, r.integer);
        }
        return r;
    }

    /** ikj loop: the inner loop runs over contiguous rows, which the JIT vectorises. */
    private static void gemm(float[] a, int oa, float[] b, int ob, float[] c, int oc, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ci = oc + i * n;
            for (int p = 0; p < k; p++) {
                float av = a[oa + i * k + p];
                if (av == 0f) {
                    continue;
                }
                int bp = ob + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += av * b[bp + j];
                }
            }
        }
    }

    static NdArray transpose(NdArray a, int[] perm) {
        int r = a.rank();
        if (perm == null) {
            perm = new int[r];
            for (int i = 0; i < r; i++) {
                perm[i] = r - 1 - i;
            }
        }
        if (perm.length != r) {
            throw new IllegalArgumentException("axes " + Arrays.toString(perm) + " do not match rank " + r);
        }
        boolean[] seen = new boolean[r];
        int[] shape = new int[r];
        int[] inStrides = NdArray.strides(a.shape);
        int[] st = new int[r];
        for (int i = 0; i < r; i++) {
            int p = a.axis(perm[i]);
            if (seen[p]) {
                throw new IllegalArgumentException("repeated axis in transpose " + Arrays.toString(perm));
            }
            seen[p] = true;
            shape[i] = a.shape[p];
            st[i] = inStrides[p];
        }
        float[] z = new float[a.size()];
        gather(a.data, 0, shape, st, z);
        return new NdArray(z, shape, a.integer);
    }

    /** Copies the strided view (offset, shape, strides) of src into dst in row-major order. */
    static void gather(float[] src, int offset, int[] shape, int[] strides, float[] dst) {
        int[] idx = new int[shape.length];
        int pos = offset;
        for (int i = 0; i < dst.length; i++) {
            dst[i] = src[pos];
            for (int d = shape.length - 1; d >= 0; d--) {
                idx[d]++;
                pos += strides[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                pos -= strides[d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    static NdArray softmax(NdArray a, int axis) {
        int ax = a.axis(axis);
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < ax; i++) {
            outer *= a.shape[i];
        }
        for (int i = ax + 1; i < a.rank(); i++) {
            inner *= a.shape[i];
        }
        int n = a.shape[ax];
        float[] z = new float[a.size()];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * n * inner + in;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, a.data[base + k * inner]);
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    double e = Math.exp(a.data[base + k * inner] - max);
                    z[base + k * inner] = (float) e;
                    sum += e;
                }
                for (int k = 0; k < n; k++) {
                    z[base + k * inner] = (float) (z[base + k * inner] / sum);
                }
            }
        }
        return new NdArray(z, a.shape.clone(), false);
    }

    /** The k largest values along the last axis, descending (ties keep the lower index first), and their indices. */
    static NdArray[] topk(NdArray a, int k) {
        if (a.rank() == 0) {
            throw new IllegalArgumentException("topk needs an array of rank >= 1");
        }
        int n = a.shape[a.rank() - 1];
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in 1.." + n + ", got " + k);
        }
        int rows = a.size() / Math.max(n, 1);
        float[] vals = new float[rows * k];
        float[] idx = new float[rows * k];
        Integer[] order = new Integer[n];
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> {
                int c = Float.compare(a.data[base + y], a.data[base + x]);
                return c != 0 ? c : Integer.compare(x, y);
            });
            for (int i = 0; i < k; i++) {
                vals[r * k + i] = a.data[base + order[i]];
                idx[r * k + i] = order[i];
            }
        }
        int[] shape = a.shape.clone();
        shape[shape.length - 1] = k;
        return new NdArray[] {new NdArray(vals, shape, a.integer), new NdArray(idx, shape.clone(), true)};
    }
}
