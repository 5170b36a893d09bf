package org.walle.engine.ops.internal;

import java.util.List;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.Regions;
import org.walle.engine.ops.OpContext;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/** Building blocks decompositions share: broadcast, transpose and reshape views, element-wise commands. */
final class Emit {
    private Emit() {
    }

    /** NumPy broadcasting of two shapes; null when they do not broadcast. */
    static Shape broadcast(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.rank() ? 1 : a.get(i - (rank - a.rank()));
            long db = i < rank - b.rank() ? 1 : b.get(i - (rank - b.rank()));
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }

    static Shape broadcastAll(OpContext ctx, int from) {
        Shape s = ctx.inputShape(from);
        for (int i = from + 1; i < ctx.inputCount(); i++) {
            if (!ctx.hasInput(i)) {
                continue;
            }
            Shape next = broadcast(s, ctx.inputShape(i));
            if (next == null) {
                throw ctx.error("shapes " + s + " and " + ctx.inputShape(i) + " do not broadcast");
            }
            s = next;
        }
        return s;
    }

    /** The tensor seen at {@code target}'s shape: itself if equal, else a virtual view with zero strides. */
    static PlanTensor broadcastTo(OpContext ctx, PlanTensor t, Shape target) {
        if (t.shape().equals(target)) {
            return t;
        }
        long[] src = t.shape().dims();
        long[] dims = target.dims();
        long[] srcStride = new long[dims.length];
        long[] own = Regions.contiguousStrides(src);
        int lead = dims.length - src.length;
        for (int i = 0; i < dims.length; i++) {
            srcStride[i] = i < lead || src[i - lead] == 1 ? 0 : own[i - lead];
        }
        List<Region> regions = Regions.strided(0, 0, srcStride, 0, Regions.contiguousStrides(dims), dims);
        return ctx.view(t.dtype(), target, List.of(t), regions, null);
    }

    /** out[i...] = in[perm-permuted i...], as a virtual tensor. */
    static PlanTensor transpose(OpContext ctx, PlanTensor t, int[] perm) {
        long[] in = t.shape().dims();
        long[] inStride = Regions.contiguousStrides(in);
        long[] outDims = new long[perm.length];
        long[] srcStride = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            outDims[i] = in[perm[i]];
            srcStride[i] = inStride[perm[i]];
        }
        List<Region> regions = Regions.strided(0, 0, srcStride, 0, Regions.contiguousStrides(outDims), outDims);
        return ctx.view(t.dtype(), Shape.of(outDims), List.of(t), regions, null);
    }

    /** The same elements under another shape: one identity region, free once materialised (an alias). */
    static PlanTensor reshape(OpContext ctx, PlanTensor t, Shape shape) {
        if (t.shape().equals(shape)) {
            return t;
        }
        int n = t.elements();
        List<Region> regions = n == 0 ? List.of() : List.of(Region.of(0, org.walle.engine.decompose.View.of(0, 0, 0, 1),
                org.walle.engine.decompose.View.of(0, 0, 0, 1), 1, 1, n));
        return ctx.view(t.dtype(), shape, List.of(t), regions, null);
    }

    static void unary(OpContext ctx, PlanTensor x, PlanTensor y, Params.Unary p) {
        ctx.emit(AtomicOp.UNARY, p, List.of(x), List.of(y));
    }

    static PlanTensor unary(OpContext ctx, PlanTensor x, UnaryKind kind) {
        PlanTensor y = ctx.temp(x.dtype(), x.shape());
        unary(ctx, x, y, Params.Unary.of(kind));
        return y;
    }

    /** Broadcasts both operands to {@code out}'s shape and emits one BINARY. */
    static void binary(OpContext ctx, BinaryKind kind, PlanTensor a, PlanTensor b, PlanTensor out) {
        PlanTensor av = broadcastTo(ctx, a, out.shape());
        PlanTensor bv = broadcastTo(ctx, b, out.shape());
        ctx.emit(AtomicOp.BINARY, new Params.Binary(kind), List.of(av, bv), List.of(out));
    }

    static PlanTensor binary(OpContext ctx, BinaryKind kind, PlanTensor a, PlanTensor b, DType outType) {
        Shape s = broadcast(a.shape(), b.shape());
        if (s == null) {
            throw ctx.error("shapes " + a.shape() + " and " + b.shape() + " do not broadcast");
        }
        PlanTensor out = ctx.temp(outType, s);
        binary(ctx, kind, a, b, out);
        return out;
    }

    static PlanTensor scalar(OpContext ctx, DType dtype, double v) {
        return ctx.constant(Values.scalar(dtype, v));
    }

    /** Normalises a possibly negative axis against a rank, naming the node when it is out of range. */
    static int axis(OpContext ctx, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.max(rank, 1)) {
            throw ctx.error("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    static int product(long[] dims, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= dims[i];
        }
        return Math.toIntExact(p);
    }
}
