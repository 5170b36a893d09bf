package org.walle.engine.ops.internal;

import java.util.List;
import java.util.Map;

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

/** Element-wise ONNX ops: each one UNARY or BINARY command (broadcasting as zero-stride regions), or a short chain. */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    /** ONNX name -> unary kind; attribute defaults are read in {@link #unaryParams}. */
    private static final Map<String, UnaryKind> UNARY = Map.ofEntries(
            Map.entry("Identity", UnaryKind.IDENTITY), Map.entry("Abs", UnaryKind.ABS), Map.entry("Neg", UnaryKind.NEG),
            Map.entry("Floor", UnaryKind.FLOOR), Map.entry("Ceil", UnaryKind.CEIL), Map.entry("Round", UnaryKind.ROUND),
            Map.entry("Sqrt", UnaryKind.SQRT), Map.entry("Reciprocal", UnaryKind.RECIPROCAL),
            Map.entry("Exp", UnaryKind.EXP), Map.entry("Log", UnaryKind.LOG), Map.entry("Erf", UnaryKind.ERF),
            Map.entry("Sign", UnaryKind.SIGN), Map.entry("Sin", UnaryKind.SIN), Map.entry("Cos", UnaryKind.COS),
            Map.entry("Tan", UnaryKind.TAN), Map.entry("Asin", UnaryKind.ASIN), Map.entry("Acos", UnaryKind.ACOS),
            Map.entry("Atan", UnaryKind.ATAN), Map.entry("Sinh", UnaryKind.SINH), Map.entry("Cosh", UnaryKind.COSH),
            Map.entry("Tanh", UnaryKind.TANH), Map.entry("Asinh", UnaryKind.ASINH), Map.entry("Acosh", UnaryKind.ACOSH),
            Map.entry("Atanh", UnaryKind.ATANH), Map.entry("Relu", UnaryKind.RELU),
            Map.entry("LeakyRelu", UnaryKind.LEAKY_RELU), Map.entry("Elu", UnaryKind.ELU),
            Map.entry("Selu", UnaryKind.SELU), Map.entry("Celu", UnaryKind.CELU), Map.entry("Sigmoid", UnaryKind.SIGMOID),
            Map.entry("HardSigmoid", UnaryKind.HARD_SIGMOID), Map.entry("HardSwish", UnaryKind.HARD_SWISH),
            Map.entry("Softplus", UnaryKind.SOFTPLUS), Map.entry("Softsign", UnaryKind.SOFTSIGN),
            Map.entry("Gelu", UnaryKind.GELU), Map.entry("Mish", UnaryKind.MISH),
            Map.entry("ThresholdedRelu", UnaryKind.THRESHOLDED_RELU), Map.entry("Shrink", UnaryKind.SHRINK),
            Map.entry("Not", UnaryKind.NOT), Map.entry("BitwiseNot", UnaryKind.BITWISE_NOT),
            Map.entry("IsNaN", UnaryKind.IS_NAN), Map.entry("IsInf", UnaryKind.IS_INF));

    private static final Map<String, BinaryKind> BINARY = Map.ofEntries(
            Map.entry("Add", BinaryKind.ADD), Map.entry("Sub", BinaryKind.SUB), Map.entry("Mul", BinaryKind.MUL),
            Map.entry("Div", BinaryKind.DIV), Map.entry("Pow", BinaryKind.POW), Map.entry("PRelu", BinaryKind.PRELU),
            Map.entry("Equal", BinaryKind.EQUAL), Map.entry("Less", BinaryKind.LESS),
            Map.entry("LessOrEqual", BinaryKind.LESS_EQUAL), Map.entry("Greater", BinaryKind.GREATER),
            Map.entry("GreaterOrEqual", BinaryKind.GREATER_EQUAL), Map.entry("And", BinaryKind.AND),
            Map.entry("Or", BinaryKind.OR), Map.entry("Xor", BinaryKind.XOR),
            Map.entry("BitwiseAnd", BinaryKind.BITWISE_AND), Map.entry("BitwiseOr", BinaryKind.BITWISE_OR),
            Map.entry("BitwiseXor", BinaryKind.BITWISE_XOR));

    private static final Map<String, BinaryKind> VARIADIC = Map.of("Sum", BinaryKind.ADD, "Max", BinaryKind.MAX,
            "Min", BinaryKind.MIN, "Mean", BinaryKind.ADD);

    static void register(OpRegistry r) {
        UNARY.forEach((name, kind) -> r.register(OpDef.of(name, ElementwiseOps::unaryShape,
                ctx -> Emit.unary(ctx, ctx.in(0), ctx.out(0), unaryParams(ctx, kind)))));
        BINARY.forEach((name, kind) -> r.register(OpDef.of(name, ElementwiseOps::binaryShape,
                ctx -> Emit.binary(ctx, kind, ctx.in(0), ctx.in(1), ctx.out(0)))));
        VARIADIC.forEach((name, kind) -> r.register(OpDef.of(name, ElementwiseOps::binaryShape, ctx -> variadic(ctx, kind))));
        r.register(OpDef.of("Mod", ElementwiseOps::binaryShape, ctx -> Emit.binary(ctx,
                ctx.attrInt("fmod", 0) != 0 ? BinaryKind.FMOD : BinaryKind.MOD, ctx.in(0), ctx.in(1), ctx.out(0))));
        r.register(OpDef.of("BitShift", ElementwiseOps::binaryShape, ctx -> Emit.binary(ctx,
                ctx.attrString("direction", "LEFT").equals("LEFT") ? BinaryKind.SHIFT_LEFT : BinaryKind.SHIFT_RIGHT,
                ctx.in(0), ctx.in(1), ctx.out(0))));
        r.register(OpDef.of("Where", ctx -> List.of(new TensorType(ctx.inputType(1).dtype(), Emit.broadcastAll(ctx, 0))),
                ElementwiseOps::where));
        r.register(OpDef.of("Clip", ElementwiseOps::unaryShape, ElementwiseOps::clip));
        r.register(OpDef.of("Cast", ctx -> List.of(new TensorType(castTarget(ctx), ctx.inputShape(0))),
                ctx -> Emit.unary(ctx, ctx.in(0), ctx.out(0), new Params.Unary(UnaryKind.CAST, 0, 0, castTarget(ctx)))));
        r.register(OpDef.of("CastLike", ctx -> List.of(new TensorType(ctx.inputType(1).dtype(), ctx.inputShape(0))),
                ctx -> Emit.unary(ctx, ctx.in(0), ctx.out(0), new Params.Unary(UnaryKind.CAST, 0, 0, ctx.inputType(1).dtype()))));
        r.register(OpDef.of("Dropout", ElementwiseOps::dropoutShape, ElementwiseOps::dropout, 1, 2));
    }

    static List<TensorType> unaryShape(OpContext ctx) {
        String op = ctx.node().opType();
        DType t = op.equals("IsNaN") || op.equals("IsInf") ? DType.BOOL : ctx.inputType(0).dtype();
        return List.of(new TensorType(t, ctx.inputShape(0)));
    }

    static List<TensorType> binaryShape(OpContext ctx) {
        BinaryKind k = BINARY.get(ctx.node().opType());
        boolean compare = k != null && k.ordinal() >= BinaryKind.EQUAL.ordinal() && k.ordinal() <= BinaryKind.XOR.ordinal();
        return List.of(new TensorType(compare ? DType.BOOL : ctx.inputType(0).dtype(), Emit.broadcastAll(ctx, 0)));
    }

    private static Params.Unary unaryParams(OpContext ctx, UnaryKind kind) {
        return switch (kind) {
            case LEAKY_RELU -> new Params.Unary(kind, ctx.attrFloat("alpha", 0.01f), 0, null);
            case ELU, CELU, THRESHOLDED_RELU -> new Params.Unary(kind, ctx.attrFloat("alpha", 1f), 0, null);
            case SELU -> new Params.Unary(kind, ctx.attrFloat("alpha", 1.67326319217681884765625f),
                    ctx.attrFloat("gamma", 1.05070102214813232421875f), null);
            case HARD_SIGMOID -> new Params.Unary(kind, ctx.attrFloat("alpha", 0.2f), ctx.attrFloat("beta", 0.5f), null);
            case SHRINK -> new Params.Unary(kind, ctx.attrFloat("lambd", 0.5f), ctx.attrFloat("bias", 0f), null);
            case IS_INF -> new Params.Unary(kind, ctx.attrInt("detect_positive", 1), ctx.attrInt("detect_negative", 1), null);
            case GELU -> Params.Unary.of(ctx.attrString("approximate", "none").equals("tanh") ? UnaryKind.GELU_TANH : kind);
            default -> Params.Unary.of(kind);
        };
    }

    private static void variadic(OpContext ctx, BinaryKind kind) {
        PlanTensor out = ctx.out(0);
        PlanTensor acc = ctx.in(0);
        int n = ctx.inputCount();
        boolean mean = ctx.node().opType().equals("Mean");
        if (n == 1) {
            acc = Emit.broadcastTo(ctx, acc, out.shape());
        }
        for (int i = 1; i < n; i++) {
            boolean last = i == n - 1 && !mean;
            PlanTensor next = last ? out : ctx.temp(out.dtype(), out.shape());
            Emit.binary(ctx, kind, acc, ctx.in(i), next);
            acc = next;
        }
        if (mean) {
            Emit.binary(ctx, BinaryKind.DIV, acc, Emit.scalar(ctx, out.dtype(), n), out);
        } else if (n == 1) {
            Emit.unary(ctx, acc, out, Params.Unary.of(UnaryKind.IDENTITY));
        }
    }

    private static void where(OpContext ctx) {
        PlanTensor out = ctx.out(0);
        Shape s = out.shape();
        ctx.emit(AtomicOp.SELECT, new Params.Select(), List.of(Emit.broadcastTo(ctx, ctx.in(0), s),
                Emit.broadcastTo(ctx, ctx.in(1), s), Emit.broadcastTo(ctx, ctx.in(2), s)), List.of(out));
    }

    /** Constant bounds become one CLIP; bounds known only at run time become MAX then MIN commands. */
    private static void clip(OpContext ctx) {
        PlanTensor x = ctx.in(0);
        PlanTensor out = ctx.out(0);
        boolean fromAttrs = ctx.opset() < 11;
        float lo = fromAttrs ? ctx.attrFloat("min", Float.NEGATIVE_INFINITY) : Float.NEGATIVE_INFINITY;
        float hi = fromAttrs ? ctx.attrFloat("max", Float.POSITIVE_INFINITY) : Float.POSITIVE_INFINITY;
        boolean isInt = out.dtype() != DType.FLOAT32 && out.dtype() != DType.FLOAT16;
        if (!fromAttrs) {
            boolean constant = (!ctx.hasInput(1) || ctx.valueOrNull(1) != null) && (!ctx.hasInput(2) || ctx.valueOrNull(2) != null);
            if (!constant || isInt) {
                PlanTensor acc = x;
                if (ctx.hasInput(1)) {
                    PlanTensor next = ctx.hasInput(2) ? ctx.temp(out.dtype(), out.shape()) : out;
                    Emit.binary(ctx, BinaryKind.MAX, acc, ctx.in(1), next);
                    acc = next;
                }
                if (ctx.hasInput(2)) {
                    Emit.binary(ctx, BinaryKind.MIN, acc, ctx.in(2), out);
                    acc = out;
                }
                if (acc != out) {
                    Emit.unary(ctx, acc, out, Params.Unary.of(UnaryKind.IDENTITY));
                }
                return;
            }
            lo = ctx.hasInput(1) ? ctx.value(1).get(0) : lo;
            hi = ctx.hasInput(2) ? ctx.value(2).get(0) : hi;
        }
        Emit.unary(ctx, x, out, new Params.Unary(UnaryKind.CLIP, lo, hi, null));
    }

    private static DType castTarget(OpContext ctx) {
        long to = ctx.attrInt("to", -1);
        DType t = OnnxTypes.dtype(to);
        if (t == null) {
            throw ctx.unsupported("cast to ONNX type " + to);
        }
        return t;
    }

    private static List<TensorType> dropoutShape(OpContext ctx) {
        return List.of(ctx.inputType(0), new TensorType(DType.BOOL, ctx.inputShape(0)));
    }

    /** Inference-mode dropout (or training with ratio 0): identity and an all-true mask. */
    private static void dropout(OpContext ctx) {
        boolean training = ctx.hasInput(2) && ctx.value(2).getDouble(0) != 0;
        double ratio = ctx.hasInput(1) ? ctx.value(1).getDouble(0) : 0.5;
        if (training && ratio != 0) {
            throw ctx.unsupported("training-mode dropout with ratio " + ratio + " is random");
        }
        Emit.unary(ctx, ctx.in(0), ctx.out(0), Params.Unary.of(UnaryKind.IDENTITY));
        if (ctx.node().outputs().size() > 1 && !ctx.node().outputs().get(1).isEmpty()) {
            ctx.setOutput(1, ctx.constant(Values.filled(DType.BOOL, ctx.inputShape(0), 1)));
        }
    }
}
