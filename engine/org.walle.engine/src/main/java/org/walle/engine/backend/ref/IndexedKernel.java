package org.walle.engine.backend.ref;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Regions;
import org.walle.engine.graph.GraphException;

/** Copies addressed element by element through an index tensor: GatherElements, ScatterElements, GatherND, ScatterND. */
final class IndexedKernel {
    private IndexedKernel() {
    }

    static void run(Command c, Operand[] in, Operand[] out) {
        Params.IndexedCopy p = (Params.IndexedCopy) c.params();
        switch (p.kind()) {
            case "gather_elements" -> gatherElements(c, p, in, out[0]);
            case "scatter_elements" -> scatterElements(c, p, in, out[0]);
            case "gather_nd" -> gatherNd(c, p, in, out[0]);
            default -> scatterNd(c, p, in, out[0]);
        }
    }

    private static void gatherElements(Command c, Params.IndexedCopy p, Operand[] in, Operand y) {
        long[] dd = c.inputs().get(0).shape().dims();
        long[] id = c.inputs().get(1).shape().dims();
        long[] ds = Regions.contiguousStrides(dd);
        int n = c.outputs().get(0).elements();
        for (int i = 0; i < n; i++) {
            long src = 0;
            int rest = i;
            for (int a = id.length - 1; a >= 0; a--) {
                long coord = rest % id[a];
                rest /= (int) id[a];
                if (a == p.axis()) {
                    coord = wrap(c, in[1].getLong(i), dd[a]);
                }
                src += coord * ds[a];
            }
            y.data().copy(y.offset() + i, in[0].data(), in[0].offset() + (int) src);
        }
    }

    private static void scatterElements(Command c, Params.IndexedCopy p, Operand[] in, Operand y) {
        long[] dd = c.inputs().get(0).shape().dims();
        long[] id = c.inputs().get(1).shape().dims();
        long[] ds = Regions.contiguousStrides(dd);
        copyAll(c.inputs().get(0).elements(), in[0], y);
        int n = c.inputs().get(1).elements();
        for (int i = 0; i < n; i++) {
            long dst = 0;
            int rest = i;
            for (int a = id.length - 1; a >= 0; a--) {
                long coord = rest % id[a];
                rest /= (int) id[a];
                if (a == p.axis()) {
                    coord = wrap(c, in[1].getLong(i), dd[a]);
                }
                dst += coord * ds[a];
            }
            combine(p.reduction(), y, (int) dst, in[2], i);
        }
    }

    private static void gatherNd(Command c, Params.IndexedCopy p, Operand[] in, Operand y) {
        long[] dd = c.inputs().get(0).shape().dims();
        long[] id = c.inputs().get(1).shape().dims();
        int depth = (int) id[id.length - 1];
        int b = p.batchDims();
        long[] ds = Regions.contiguousStrides(dd);
        int slice = 1;
        for (int a = b + depth; a < dd.length; a++) {
            slice *= (int) dd[a];
        }
        int batches = 1;
        for (int a = 0; a < b; a++) {
            batches *= (int) dd[a];
        }
        int tuples = c.inputs().get(1).elements() / depth;
        int perBatch = tuples / batches;
        for (int t = 0; t < tuples; t++) {
            long src = (long) (t / perBatch) * (b > 0 ? ds[b - 1] : 0);
            for (int j = 0; j < depth; j++) {
                src += wrap(c, in[1].getLong(t * depth + j), dd[b + j]) * ds[b + j];
            }
            for (int e = 0; e < slice; e++) {
                y.data().copy(y.offset() + t * slice + e, in[0].data(), in[0].offset() + (int) src + e);
            }
        }
    }

    private static void scatterNd(Command c, Params.IndexedCopy p, Operand[] in, Operand y) {
        long[] dd = c.inputs().get(0).shape().dims();
        long[] id = c.inputs().get(1).shape().dims();
        int depth = (int) id[id.length - 1];
        long[] ds = Regions.contiguousStrides(dd);
        copyAll(c.inputs().get(0).elements(), in[0], y);
        int slice = 1;
        for (int a = depth; a < dd.length; a++) {
            slice *= (int) dd[a];
        }
        int tuples = c.inputs().get(1).elements() / depth;
        for (int t = 0; t < tuples; t++) {
            long dst = 0;
            for (int j = 0; j < depth; j++) {
                dst += wrap(c, in[1].getLong(t * depth + j), dd[j]) * ds[j];
            }
            for (int e = 0; e < slice; e++) {
                combine(p.reduction(), y, (int) dst + e, in[2], t * slice + e);
            }
        }
    }

    private static void combine(String reduction, Operand y, int at, Operand u, int i) {
        if (reduction.equals("none")) {
            y.data().copy(y.offset() + at, u.data(), u.offset() + i);
            return;
        }
        double a = y.get(at);
        double b = u.get(i);
        double r = switch (reduction) {
            case "add" -> a + b;
            case "mul" -> a * b;
            case "max" -> Math.max(a, b);
            default -> Math.min(a, b);
        };
        y.data().setConverted(y.offset() + at, r);
    }

    private static void copyAll(int n, Operand from, Operand to) {
        for (int i = 0; i < n; i++) {
            to.data().copy(to.offset() + i, from.data(), from.offset() + i);
        }
    }

    private static long wrap(Command c, long index, long dim) {
        long i = index < 0 ? index + dim : index;
        if (i < 0 || i >= dim) {
            throw new GraphException(c.node(), "index " + index + " out of range for an axis of " + dim);
        }
        return i;
    }
}
