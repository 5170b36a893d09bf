package org.walle.engine.ops.internal;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.Params.ReduceKind;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.Regions;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/**
 * Statistics-based ops composed from atomic ones: LRN (a channel-window sum of squares built from shifted views),
 * MeanVarianceNormalization (REDUCE means) and DynamicQuantizeLinear (REDUCE min/max, then quantize arithmetic).
 */
final class StatsOps {
    private StatsOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("LRN", ctx -> List.of(ctx.inputType(0)), StatsOps::lrn));
        r.register(OpDef.of("MeanVarianceNormalization", ctx -> List.of(ctx.inputType(0)), StatsOps::mvn));
        r.register(OpDef.of("DynamicQuantizeLinear", ctx -> List.of(new TensorType(DType.UINT8, ctx.inputShape(0)),
                new TensorType(DType.FLOAT32, Shape.scalar()), new TensorType(DType.UINT8, Shape.scalar())), StatsOps::dql));
    }

    /** y = x / (bias + alpha / size * sum of x^2 over a channel window)^beta. */
    private static void lrn(OpContext ctx) {
        PlanTensor x = ctx.in(0);
        long[] d = x.shape().dims();
        DType f = x.dtype();
        int size = (int) ctx.attrInt("size", 1);
        int before = (size - 1) / 2;
        PlanTensor sq = Emit.binary(ctx, BinaryKind.MUL, x, x, f);
        PlanTensor sum = null;
        long[] stride = Regions.contiguousStrides(d);
        for (int shift = -before; shift < size - before; shift++) {
            // the window member `shift` channels away, zero outside the channel range
            long lo = Math.max(0, -shift);
            long hi = Math.min(d[1], d[1] - shift);
            List<Region> regions = new ArrayList<>();
            if (hi > lo) {
                long[] sizes = d.clone();
                sizes[1] = hi - lo;
                regions.addAll(Regions.strided(0, Math.toIntExact((lo + shift) * stride[1]), stride,
                        Math.toIntExact(lo * stride[1]), stride, sizes));
            }
            PlanTensor shifted = ctx.view(f, x.shape(), List.of(sq), regions, 0.0);
            sum = sum == null ? shifted : Emit.binary(ctx, BinaryKind.ADD, sum, shifted, f);
        }
        PlanTensor scaled = Emit.binary(ctx, BinaryKind.MUL, sum, Emit.scalar(ctx, f, ctx.attrFloat("alpha", 1e-4f) / size), f);
        PlanTensor base = Emit.binary(ctx, BinaryKind.ADD, scaled, Emit.scalar(ctx, f, ctx.attrFloat("bias", 1f)), f);
        PlanTensor denom = Emit.binary(ctx, BinaryKind.POW, base, Emit.scalar(ctx, f, ctx.attrFloat("beta", 0.75f)), f);
        Emit.binary(ctx, BinaryKind.DIV, x, denom, ctx.out(0));
    }

    private static PlanTensor mean(OpContext ctx, PlanTensor t, boolean[] axes) {
        return ReduceOps.reduceAxes(ctx, ReduceKind.MEAN, t, axes);
    }

    /** (x - mean) / sqrt(mean((x - mean)^2) + 1e-9) over the given axes. */
    private static void mvn(OpContext ctx) {
        PlanTensor x = ctx.in(0);
        int rank = x.shape().rank();
        long[] axes = ctx.attrInts("axes");
        boolean[] reduced = new boolean[rank];
        for (long a : axes == null ? new long[] {0, 2, 3} : axes) {
            reduced[Emit.axis(ctx, a, rank)] = true;
        }
        DType f = x.dtype();
        PlanTensor centered = Emit.binary(ctx, BinaryKind.SUB, x, mean(ctx, x, reduced), f);
        PlanTensor var = mean(ctx, Emit.binary(ctx, BinaryKind.MUL, centered, centered, f), reduced);
        PlanTensor std = Emit.unary(ctx, Emit.binary(ctx, BinaryKind.ADD, var, Emit.scalar(ctx, f, 1e-9), f), UnaryKind.SQRT);
        Emit.binary(ctx, BinaryKind.DIV, centered, std, ctx.out(0));
    }

    /** scale = (max(0, max x) - min(0, min x)) / 255; zp = saturate(round(-min / scale)); y = saturate(round(x / scale) + zp). */
    private static void dql(OpContext ctx) {
        PlanTensor x = ctx.in(0);
        DType f = DType.FLOAT32;
        int n = x.elements();
        PlanTensor max = ctx.temp(f, Shape.scalar());
        PlanTensor min = ctx.temp(f, Shape.scalar());
        ctx.emit(AtomicOp.REDUCE, new Params.Reduce(ReduceKind.MAX, 1, n, 1, false), List.of(x), List.of(max));
        ctx.emit(AtomicOp.REDUCE, new Params.Reduce(ReduceKind.MIN, 1, n, 1, false), List.of(x), List.of(min));
        PlanTensor zero = Emit.scalar(ctx, f, 0);
        PlanTensor hi = Emit.binary(ctx, BinaryKind.MAX, max, zero, f);
        PlanTensor lo = Emit.binary(ctx, BinaryKind.MIN, min, zero, f);
        PlanTensor scale = ctx.out(1);
        Emit.binary(ctx, BinaryKind.DIV, Emit.binary(ctx, BinaryKind.SUB, hi, lo, f), Emit.scalar(ctx, f, 255), scale);
        PlanTensor zpf = saturate(ctx, Emit.unary(ctx, Emit.binary(ctx, BinaryKind.DIV,
                Emit.unary(ctx, lo, UnaryKind.NEG), scale, f), UnaryKind.ROUND));
        ctx.emit(AtomicOp.UNARY, new Params.Unary(UnaryKind.CAST, 0, 0, DType.UINT8), List.of(zpf), List.of(ctx.out(2)));
        PlanTensor q = Emit.unary(ctx, Emit.binary(ctx, BinaryKind.DIV, x, scale, f), UnaryKind.ROUND);
        PlanTensor y = saturate(ctx, Emit.binary(ctx, BinaryKind.ADD, q, zpf, f));
        ctx.emit(AtomicOp.UNARY, new Params.Unary(UnaryKind.CAST, 0, 0, DType.UINT8), List.of(y), List.of(ctx.out(0)));
    }

    private static PlanTensor saturate(OpContext ctx, PlanTensor t) {
        PlanTensor out = ctx.temp(t.dtype(), t.shape());
        ctx.emit(AtomicOp.UNARY, new Params.Unary(UnaryKind.CLIP, 0, 255, null), List.of(t), List.of(out));
        return out;
    }
}
