package org.walle.engine.ops.internal;

import java.util.List;
import java.util.Map;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.Params.ReduceKind;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/**
 * Reductions. Each runs of adjacent reduced axes is one REDUCE over an {@code [outer, axis, inner]} view; L1, L2,
 * SumSquare, LogSum and LogSumExp wrap SUM in UNARY/BINARY steps.
 */
final class ReduceOps {
    private ReduceOps() {
    }

    private static final Map<String, ReduceKind> KINDS = Map.of("ReduceSum", ReduceKind.SUM, "ReduceMean",
            ReduceKind.MEAN, "ReduceMax", ReduceKind.MAX, "ReduceMin", ReduceKind.MIN, "ReduceProd", ReduceKind.PROD,
            "ReduceL1", ReduceKind.SUM, "ReduceL2", ReduceKind.SUM, "ReduceSumSquare", ReduceKind.SUM, "ReduceLogSum",
            ReduceKind.SUM, "ReduceLogSumExp", ReduceKind.SUM);

    static void register(OpRegistry r) {
        KINDS.forEach((name, kind) -> r.register(OpDef.of(name, ReduceOps::reduceShape, ctx -> reduce(ctx, kind), 1)));
        r.register(OpDef.of("ArgMax", ReduceOps::argShape, ctx -> arg(ctx, ReduceKind.ARGMAX)));
        r.register(OpDef.of("ArgMin", ReduceOps::argShape, ctx -> arg(ctx, ReduceKind.ARGMIN)));
    }

    /** Which axes are reduced; null means none (noop_with_empty_axes with no axes). */
    private static boolean[] reducedAxes(OpContext ctx) {
        int rank = ctx.inputShape(0).rank();
        boolean inputForm = ctx.opset() >= 18 || (ctx.opset() >= 13 && ctx.node().opType().equals("ReduceSum"));
        long[] axes = inputForm ? (ctx.hasInput(1) ? ctx.longs(1) : null) : ctx.attrInts("axes");
        boolean[] reduced = new boolean[rank];
        if (axes == null || axes.length == 0) {
            if (ctx.attrInt("noop_with_empty_axes", 0) != 0) {
                return null;
            }
            java.util.Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                reduced[Emit.axis(ctx, a, rank)] = true;
            }
        }
        return reduced;
    }

    private static Shape reducedShape(OpContext ctx, boolean[] reduced, boolean keep) {
        long[] d = ctx.inputShape(0).dims();
        return Shape.of(java.util.stream.IntStream.range(0, d.length).filter(i -> keep || !reduced[i])
                .mapToLong(i -> reduced[i] ? 1 : d[i]).toArray());
    }

    private static List<TensorType> reduceShape(OpContext ctx) {
        boolean[] reduced = reducedAxes(ctx);
        Shape s = reduced == null ? ctx.inputShape(0) : reducedShape(ctx, reduced, ctx.attrInt("keepdims", 1) != 0);
        return List.of(new TensorType(ctx.inputType(0).dtype(), s));
    }

    private static void reduce(OpContext ctx, ReduceKind kind) {
        boolean[] reduced = reducedAxes(ctx);
        PlanTensor out = ctx.out(0);
        PlanTensor x = ctx.in(0);
        if (reduced == null) {
            Emit.unary(ctx, x, out, Params.Unary.of(UnaryKind.IDENTITY));
            return;
        }
        String op = ctx.node().opType();
        switch (op) {
            case "ReduceL1" -> x = Emit.unary(ctx, x, UnaryKind.ABS);
            case "ReduceL2", "ReduceSumSquare" -> x = Emit.binary(ctx, BinaryKind.MUL, x, x, x.dtype());
            case "ReduceLogSumExp" -> x = Emit.unary(ctx, x, UnaryKind.EXP);
            default -> {
            }
        }
        PlanTensor acc = reduceAxes(ctx, kind, x, reduced);
        UnaryKind post = switch (op) {
            case "ReduceL2" -> UnaryKind.SQRT;
            case "ReduceLogSum", "ReduceLogSumExp" -> UnaryKind.LOG;
            default -> null;
        };
        if (post != null) {
            acc = Emit.unary(ctx, acc, post);
        }
        ctx.setOutput(0, Emit.reshape(ctx, acc, out.shape()));
    }

    /** One REDUCE per run of adjacent reduced axes; the result keeps size-1 dims at reduced axes. */
    static PlanTensor reduceAxes(OpContext ctx, ReduceKind kind, PlanTensor x, boolean[] reduced) {
        long[] d = x.shape().dims();
        PlanTensor acc = x;
        int i = 0;
        while (i < d.length) {
            if (!reduced[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j < d.length && reduced[j]) {
                j++;
            }
            long[] now = acc.shape().dims();
            int outer = Emit.product(now, 0, i);
            int axis = Emit.product(now, i, j);
            int inner = Emit.product(now, j, now.length);
            long[] next = now.clone();
            for (int k = i; k < j; k++) {
                next[k] = 1;
            }
            DType t = kind == ReduceKind.ARGMAX || kind == ReduceKind.ARGMIN ? DType.INT64 : acc.dtype();
            PlanTensor r = ctx.temp(t, Shape.of(next));
            ctx.emit(AtomicOp.REDUCE, new Params.Reduce(kind, outer, axis, inner, false), List.of(acc), List.of(r));
            acc = r;
            i = j;
        }
        return acc;
    }

    private static List<TensorType> argShape(OpContext ctx) {
        int rank = ctx.inputShape(0).rank();
        boolean[] reduced = new boolean[rank];
        reduced[Emit.axis(ctx, ctx.attrInt("axis", 0), rank)] = true;
        return List.of(new TensorType(DType.INT64, reducedShape(ctx, reduced, ctx.attrInt("keepdims", 1) != 0)));
    }

    private static void arg(OpContext ctx, ReduceKind kind) {
        PlanTensor x = ctx.in(0);
        long[] d = x.shape().dims();
        int axis = Emit.axis(ctx, ctx.attrInt("axis", 0), d.length);
        PlanTensor out = ctx.out(0);
        ctx.emit(AtomicOp.REDUCE, new Params.Reduce(kind, Emit.product(d, 0, axis), (int) d[axis],
                Emit.product(d, axis + 1, d.length), ctx.attrInt("select_last_index", 0) != 0), List.of(x), List.of(out));
    }
}
