package org.walle.engine.ops.internal;

import java.util.ArrayList;
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

/**
 * Normalisations. Softmax family and LayerNormalization are native; BatchNormalization is per-channel
 * BINARY arithmetic on broadcast views; InstanceNormalization is LAYER_NORM per (n, c) plane then a channel affine.
 */
final class NormOps {
    private NormOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("Softmax", ctx -> List.of(ctx.inputType(0)), ctx -> softmax(ctx, "softmax")));
        r.register(OpDef.of("LogSoftmax", ctx -> List.of(ctx.inputType(0)), ctx -> softmax(ctx, "log")));
        r.register(OpDef.of("Hardmax", ctx -> List.of(ctx.inputType(0)), ctx -> softmax(ctx, "hard")));
        r.register(OpDef.of("LayerNormalization", NormOps::layerNormShape, NormOps::layerNorm));
        r.register(OpDef.of("BatchNormalization", ctx -> List.of(ctx.inputType(0)), NormOps::batchNorm));
        r.register(OpDef.of("InstanceNormalization", ctx -> List.of(ctx.inputType(0)), NormOps::instanceNorm));
    }

    private static void softmax(OpContext ctx, String mode) {
        long[] d = ctx.inputShape(0).dims();
        boolean legacy = ctx.opset() < 13;
        int axis = Emit.axis(ctx, ctx.attrInt("axis", legacy ? 1 : -1), d.length);
        int outer = Emit.product(d, 0, axis);
        int n = legacy ? Emit.product(d, axis, d.length) : (int) d[axis];
        int inner = legacy ? 1 : Emit.product(d, axis + 1, d.length);
        ctx.emit(AtomicOp.SOFTMAX, new Params.Softmax(mode, outer, n, inner), List.of(ctx.in(0)), List.of(ctx.out(0)));
    }

    private static List<TensorType> layerNormShape(OpContext ctx) {
        long[] d = ctx.inputShape(0).dims();
        int axis = Emit.axis(ctx, ctx.attrInt("axis", -1), d.length);
        long[] stat = d.clone();
        for (int i = axis; i < d.length; i++) {
            stat[i] = 1;
        }
        DType statType = ctx.inputType(0).dtype();
        return List.of(ctx.inputType(0), new TensorType(statType, Shape.of(stat)), new TensorType(statType, Shape.of(stat)));
    }

    private static void layerNorm(OpContext ctx) {
        long[] d = ctx.inputShape(0).dims();
        int axis = Emit.axis(ctx, ctx.attrInt("axis", -1), d.length);
        Shape normShape = Shape.of(java.util.Arrays.copyOfRange(d, axis, d.length));
        List<PlanTensor> in = new ArrayList<>(List.of(ctx.in(0), Emit.broadcastTo(ctx, ctx.in(1), normShape)));
        if (ctx.hasInput(2)) {
            in.add(Emit.broadcastTo(ctx, ctx.in(2), normShape));
        }
        List<PlanTensor> out = new ArrayList<>(List.of(ctx.out(0)));
        for (int i = 1; i < ctx.node().outputs().size(); i++) {
            if (ctx.node().outputs().get(i).isEmpty()) {
                break;
            }
            out.add(ctx.out(i));
        }
        ctx.emit(AtomicOp.LAYER_NORM, new Params.LayerNorm(Emit.product(d, 0, axis), Emit.product(d, axis, d.length),
                ctx.attrFloat("epsilon", 1e-5f)), in, out);
    }

    /** A per-channel vector [C] seen as [1, C, 1, ...] against x's shape. */
    private static PlanTensor channels(OpContext ctx, PlanTensor v, Shape x) {
        long[] d = new long[x.rank()];
        java.util.Arrays.fill(d, 1);
        d[1] = x.get(1);
        return Emit.broadcastTo(ctx, Emit.reshape(ctx, v, Shape.of(d)), x);
    }

    /** y = x * a + b with a = scale / sqrt(var + eps), b = bias - mean * a, all per channel. */
    private static void batchNorm(OpContext ctx) {
        if (ctx.attrInt("training_mode", 0) != 0 || ctx.node().outputs().size() > 1) {
            throw ctx.unsupported("training-mode BatchNormalization");
        }
        PlanTensor x = ctx.in(0);
        DType t = x.dtype();
        PlanTensor eps = Emit.scalar(ctx, t, ctx.attrFloat("epsilon", 1e-5f));
        PlanTensor std = Emit.unary(ctx, Emit.binary(ctx, BinaryKind.ADD, ctx.in(4), eps, t), UnaryKind.SQRT);
        PlanTensor a = Emit.binary(ctx, BinaryKind.DIV, ctx.in(1), std, t);
        PlanTensor b = Emit.binary(ctx, BinaryKind.SUB, ctx.in(2), Emit.binary(ctx, BinaryKind.MUL, ctx.in(3), a, t), t);
        affine(ctx, x, a, b);
    }

    private static void affine(OpContext ctx, PlanTensor x, PlanTensor a, PlanTensor b) {
        Shape s = x.shape();
        PlanTensor scaled = ctx.temp(x.dtype(), s);
        Emit.binary(ctx, BinaryKind.MUL, x, channels(ctx, a, s), scaled);
        Emit.binary(ctx, BinaryKind.ADD, scaled, channels(ctx, b, s), ctx.out(0));
    }

    private static void instanceNorm(OpContext ctx) {
        PlanTensor x = ctx.in(0);
        long[] d = x.shape().dims();
        int planes = Emit.product(d, 0, 2);
        int inner = Emit.product(d, 2, d.length);
        PlanTensor ones = ctx.constant(Values.filled(x.dtype(), Shape.of(inner), 1));
        PlanTensor normed = ctx.temp(x.dtype(), x.shape());
        ctx.emit(AtomicOp.LAYER_NORM, new Params.LayerNorm(planes, inner, ctx.attrFloat("epsilon", 1e-5f)),
                List.of(x, ones), List.of(normed));
        affine(ctx, normed, ctx.in(1), ctx.in(2));
    }
}
