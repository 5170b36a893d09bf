package org.walle.engine.ops.internal;

import java.util.List;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Value encodings composed from element-wise ops: OneHot, QuantizeLinear, DequantizeLinear. */
final class EncodingOps {
    private EncodingOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("OneHot", EncodingOps::oneHotShape, EncodingOps::oneHot, 1).since(9));
        r.register(OpDef.of("QuantizeLinear", EncodingOps::quantizeShape, EncodingOps::quantize).since(10));
        r.register(OpDef.of("DequantizeLinear", ctx -> List.of(new TensorType(ctx.inputType(1).dtype(), ctx.inputShape(0))),
                EncodingOps::dequantize).since(10));
    }

    private static List<TensorType> oneHotShape(OpContext ctx) {
        long[] d = ctx.inputShape(0).dims();
        int rank = d.length + 1;
        int axis = Emit.axis(ctx, ctx.attrInt("axis", -1), rank);
        long depth = (long) ctx.value(1).getDouble(0);
        long[] out = new long[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            out[i] = i == axis ? depth : d[j++];
        }
        return List.of(new TensorType(ctx.inputType(2).dtype(), Shape.of(out)));
    }

    /** out = SELECT(EQUAL(MOD(indices, depth) seen along axis, iota(depth)), on, off). */
    private static void oneHot(OpContext ctx) {
        Shape outShape = ctx.outputType(0).shape();
        int rank = outShape.rank();
        int axis = Emit.axis(ctx, ctx.attrInt("axis", -1), rank);
        long depth = outShape.get(axis);
        PlanTensor idx = ctx.in(0);
        PlanTensor asLong = ctx.temp(DType.INT64, idx.shape());
        ctx.emit(AtomicOp.UNARY, new Params.Unary(UnaryKind.CAST, 0, 0, DType.INT64), List.of(idx), List.of(asLong));
        PlanTensor wrapped = Emit.binary(ctx, BinaryKind.MOD, asLong, Emit.scalar(ctx, DType.INT64, depth), DType.INT64);
        long[] withAxis = outShape.dims();
        withAxis[axis] = 1;
        long[] iotaShape = new long[rank];
        java.util.Arrays.fill(iotaShape, 1);
        iotaShape[axis] = depth;
        long[] iota = new long[(int) depth];
        java.util.Arrays.setAll(iota, i -> i);
        PlanTensor range = ctx.constant(Tensor.ofLongs(Shape.of(iotaShape), iota));
        PlanTensor hit = ctx.temp(DType.BOOL, outShape);
        Emit.binary(ctx, BinaryKind.EQUAL, Emit.reshape(ctx, wrapped, Shape.of(withAxis)), range, hit);
        PlanTensor values = ctx.in(2);
        PlanTensor off = sliceOne(ctx, values, 0, outShape);
        PlanTensor on = sliceOne(ctx, values, 1, outShape);
        ctx.emit(AtomicOp.SELECT, new Params.Select(), List.of(hit, on, off), List.of(ctx.out(0)));
    }

    /** Element i of a small vector, broadcast to a shape (a one-region view with zero strides). */
    private static PlanTensor sliceOne(OpContext ctx, PlanTensor v, int i, Shape to) {
        long[][] spec = {{i, 1, 1}};
        PlanTensor one = SliceOps.sliceView(ctx, v, spec);
        return Emit.broadcastTo(ctx, Emit.reshape(ctx, one, Shape.scalar()), to);
    }

    /** A per-axis parameter [C] (or a scalar) seen against x's shape. */
    private static PlanTensor perAxis(OpContext ctx, PlanTensor p, Shape x) {
        if (p.shape().rank() == 0 || p.elements() == 1) {
            return Emit.broadcastTo(ctx, Emit.reshape(ctx, p, Shape.scalar()), x);
        }
        int axis = Emit.axis(ctx, ctx.attrInt("axis", 1), x.rank());
        long[] d = new long[x.rank()];
        java.util.Arrays.fill(d, 1);
        d[axis] = p.elements();
        return Emit.broadcastTo(ctx, Emit.reshape(ctx, p, Shape.of(d)), x);
    }

    private static DType quantType(OpContext ctx) {
        return ctx.hasInput(2) ? ctx.inputType(2).dtype() : DType.UINT8;
    }

    private static List<TensorType> quantizeShape(OpContext ctx) {
        DType t = quantType(ctx);
        if (t != DType.UINT8 && t != DType.INT8) {
            throw ctx.unsupported("quantizing to " + t);
        }
        return List.of(new TensorType(t, ctx.inputShape(0)));
    }

    /** y = saturate(round_half_even(x / scale) + zero_point). */
    private static void quantize(OpContext ctx) {
        PlanTensor x = ctx.in(0);
        Shape s = x.shape();
        DType f = x.dtype();
        PlanTensor q = Emit.binary(ctx, BinaryKind.DIV, x, perAxis(ctx, ctx.in(1), s), f);
        q = Emit.unary(ctx, q, UnaryKind.ROUND);
        if (ctx.hasInput(2)) {
            PlanTensor zp = ctx.temp(f, ctx.inputShape(2));
            ctx.emit(AtomicOp.UNARY, new Params.Unary(UnaryKind.CAST, 0, 0, f), List.of(ctx.in(2)), List.of(zp));
            q = Emit.binary(ctx, BinaryKind.ADD, q, perAxis(ctx, zp, s), f);
        }
        boolean unsigned = quantType(ctx) == DType.UINT8;
        PlanTensor clipped = ctx.temp(f, s);
        ctx.emit(AtomicOp.UNARY, new Params.Unary(UnaryKind.CLIP, unsigned ? 0 : -128, unsigned ? 255 : 127, null),
                List.of(q), List.of(clipped));
        ctx.emit(AtomicOp.UNARY, new Params.Unary(UnaryKind.CAST, 0, 0, quantType(ctx)), List.of(clipped), List.of(ctx.out(0)));
    }

    /** y = (x - zero_point) * scale, in the scale's float type. */
    private static void dequantize(OpContext ctx) {
        PlanTensor x = ctx.in(0);
        Shape s = x.shape();
        DType f = ctx.inputType(1).dtype();
        PlanTensor xf = ctx.temp(f, s);
        ctx.emit(AtomicOp.UNARY, new Params.Unary(UnaryKind.CAST, 0, 0, f), List.of(x), List.of(xf));
        if (ctx.hasInput(2)) {
            PlanTensor zp = ctx.temp(f, ctx.inputShape(2));
            ctx.emit(AtomicOp.UNARY, new Params.Unary(UnaryKind.CAST, 0, 0, f), List.of(ctx.in(2)), List.of(zp));
            xf = Emit.binary(ctx, BinaryKind.SUB, xf, perAxis(ctx, zp, s), f);
        }
        Emit.binary(ctx, BinaryKind.MUL, xf, perAxis(ctx, ctx.in(1), s), ctx.out(0));
    }
}
