package org.walle.engine.ops.internal;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Params;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/** Index-addressed ops: GatherElements, ScatterElements, GatherND, ScatterND (INDEXED_COPY), CumSum, TopK (SCAN_AXIS). */
final class IndexOps {
    private IndexOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("GatherElements", ctx -> List.of(new TensorType(ctx.inputType(0).dtype(), ctx.inputShape(1))),
                ctx -> indexed(ctx, "gather_elements")));
        r.register(OpDef.of("ScatterElements", ctx -> List.of(ctx.inputType(0)), ctx -> indexed(ctx, "scatter_elements")));
        r.register(OpDef.of("Scatter", ctx -> List.of(ctx.inputType(0)), ctx -> indexed(ctx, "scatter_elements")));
        r.register(OpDef.of("GatherND", IndexOps::gatherNdShape, ctx -> indexed(ctx, "gather_nd")));
        r.register(OpDef.of("ScatterND", ctx -> List.of(ctx.inputType(0)), ctx -> indexed(ctx, "scatter_nd")));
        r.register(OpDef.of("CumSum", ctx -> List.of(ctx.inputType(0)), IndexOps::cumSum, 1));
        r.register(OpDef.of("TopK", IndexOps::topKShape, IndexOps::topK, 1).since(10));
    }

    private static void indexed(OpContext ctx, String kind) {
        int rank = ctx.inputShape(0).rank();
        int axis = kind.endsWith("elements") ? Emit.axis(ctx, ctx.attrInt("axis", 0), rank) : 0;
        List<org.walle.engine.decompose.PlanTensor> in = new ArrayList<>();
        for (int i = 0; i < ctx.inputCount(); i++) {
            in.add(ctx.in(i));
        }
        ctx.emit(AtomicOp.INDEXED_COPY, new Params.IndexedCopy(kind, axis, (int) ctx.attrInt("batch_dims", 0),
                ctx.attrString("reduction", "none")), in, List.of(ctx.out(0)));
    }

    private static List<TensorType> gatherNdShape(OpContext ctx) {
        long[] d = ctx.inputShape(0).dims();
        long[] idx = ctx.inputShape(1).dims();
        int b = (int) ctx.attrInt("batch_dims", 0);
        long depth = idx[idx.length - 1];
        if (depth > d.length - b) {
            throw ctx.error("index depth " + depth + " exceeds data rank " + d.length);
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < idx.length - 1; i++) {
            out.add(idx[i]);
        }
        for (int i = b + (int) depth; i < d.length; i++) {
            out.add(d[i]);
        }
        return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(out.stream().mapToLong(Long::longValue).toArray())));
    }

    private static void cumSum(OpContext ctx) {
        long[] d = ctx.inputShape(0).dims();
        int axis = Emit.axis(ctx, ctx.longs(1)[0], d.length);
        ctx.emit(AtomicOp.SCAN_AXIS, new Params.ScanAxis("cumsum", Emit.product(d, 0, axis), (int) d[axis],
                Emit.product(d, axis + 1, d.length), ctx.attrInt("exclusive", 0) != 0, ctx.attrInt("reverse", 0) != 0, 0),
                List.of(ctx.in(0)), List.of(ctx.out(0)));
    }

    private static List<TensorType> topKShape(OpContext ctx) {
        long[] d = ctx.inputShape(0).dims();
        int axis = Emit.axis(ctx, ctx.attrInt("axis", -1), d.length);
        long k = ctx.longs(1)[0];
        if (k < 0 || k > d[axis]) {
            throw ctx.error("k = " + k + " but the axis has " + d[axis] + " elements");
        }
        d[axis] = k;
        return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(d)), new TensorType(DType.INT64, Shape.of(d)));
    }

    private static void topK(OpContext ctx) {
        long[] d = ctx.inputShape(0).dims();
        int axis = Emit.axis(ctx, ctx.attrInt("axis", -1), d.length);
        int k = (int) ctx.longs(1)[0];
        ctx.emit(AtomicOp.SCAN_AXIS, new Params.ScanAxis("topk", Emit.product(d, 0, axis), (int) d[axis],
                Emit.product(d, axis + 1, d.length), ctx.attrInt("largest", 1) != 0, true, k), List.of(ctx.in(0)),
                List.of(ctx.out(0), ctx.out(1)));
    }
}
