package org.walle.engine.ops.internal;

import java.util.List;

import org.walle.engine.backend.ref.Data;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Ops whose output is known at resize time: Constant, Shape, Size, ConstantOfShape, Range, EyeLike; and Trilu,
 * a SELECT against a constant mask.
 */
final class ConstantOps {
    private ConstantOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("Constant", ctx -> List.of(type(constantValue(ctx))),
                ctx -> ctx.setOutput(0, ctx.constant(constantValue(ctx)))));
        r.register(OpDef.of("Shape", ctx -> List.of(type(shapeValue(ctx))),
                ctx -> ctx.setOutput(0, ctx.constant(shapeValue(ctx)))));
        r.register(OpDef.of("Size", ctx -> List.of(new TensorType(DType.INT64, Shape.scalar())),
                ctx -> ctx.setOutput(0, ctx.constant(Tensor.ofLongs(Shape.scalar(), ctx.inputShape(0).size())))));
        r.register(OpDef.of("ConstantOfShape", ctx -> List.of(type(constantOfShape(ctx))),
                ctx -> ctx.setOutput(0, ctx.constant(constantOfShape(ctx))), 0));
        r.register(OpDef.of("Range", ctx -> List.of(type(range(ctx))), ctx -> ctx.setOutput(0, ctx.constant(range(ctx))),
                0, 1, 2));
        r.register(OpDef.of("EyeLike", ctx -> List.of(type(eyeLike(ctx))), ctx -> ctx.setOutput(0, ctx.constant(eyeLike(ctx)))));
        r.register(OpDef.of("NonZero", ctx -> List.of(type(nonZero(ctx))), ctx -> ctx.setOutput(0, ctx.constant(nonZero(ctx))), 0));
        r.register(OpDef.of("Unique", ConstantOps::uniqueShape, ConstantOps::unique, 0));
        r.register(OpDef.of("Trilu", ctx -> List.of(ctx.inputType(0)), ConstantOps::trilu, 1));
    }

    private static TensorType type(Tensor t) {
        return new TensorType(t.getDType(), t.getShape());
    }

    private static Tensor constantValue(OpContext ctx) {
        if (ctx.hasAttr("value")) {
            return ctx.attrTensor("value");
        }
        if (ctx.hasAttr("value_float")) {
            return Tensor.of(Shape.scalar(), ctx.attrFloat("value_float", 0));
        }
        if (ctx.hasAttr("value_floats")) {
            float[] v = ctx.attrFloats("value_floats");
            return Tensor.of(Shape.of(v.length), v);
        }
        if (ctx.hasAttr("value_int")) {
            return Tensor.ofLongs(Shape.scalar(), ctx.attrInt("value_int", 0));
        }
        if (ctx.hasAttr("value_ints")) {
            long[] v = ctx.attrInts("value_ints");
            return Tensor.ofLongs(Shape.of(v.length), v);
        }
        throw ctx.unsupported("Constant without a numeric value attribute");
    }

    private static Tensor shapeValue(OpContext ctx) {
        long[] d = ctx.inputShape(0).dims();
        int rank = d.length;
        long start = ctx.attrInt("start", 0);
        long end = ctx.attrInt("end", rank);
        int s = (int) Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
        int e = (int) Math.max(0, Math.min(rank, end < 0 ? end + rank : end));
        long[] out = e > s ? java.util.Arrays.copyOfRange(d, s, e) : new long[0];
        return Tensor.ofLongs(Shape.of(out.length), out);
    }

    private static Tensor constantOfShape(OpContext ctx) {
        Tensor value = ctx.attrTensor("value");
        Shape shape = Shape.of(ctx.longs(0));
        if (value == null) {
            return Tensor.zeros(DType.FLOAT32, shape);
        }
        return Values.filled(value.getDType(), shape, value.getDouble(0));
    }

    private static Tensor range(OpContext ctx) {
        Tensor start = ctx.value(0);
        DType t = start.getDType();
        double s = start.getDouble(0);
        double limit = ctx.value(1).getDouble(0);
        double delta = ctx.value(2).getDouble(0);
        if (delta == 0) {
            throw ctx.error("Range delta is 0");
        }
        int n = (int) Math.max(0, Math.ceil((limit - s) / delta));
        Tensor out = Tensor.zeros(t, Shape.of(n));
        Data d = Data.of(out);
        for (int i = 0; i < n; i++) {
            if (t == DType.FLOAT32 || t == DType.FLOAT16) {
                d.set(i, (float) (s + i * delta));
            } else {
                d.setLong(i, start.getLong(0) + i * ctx.value(2).getLong(0));
            }
        }
        return out;
    }

    private static Tensor eyeLike(OpContext ctx) {
        Shape s = ctx.inputShape(0);
        if (s.rank() != 2) {
            throw ctx.error("EyeLike needs a 2-d input, got " + s);
        }
        DType t = ctx.hasAttr("dtype") ? OnnxTypes.dtype(ctx.attrInt("dtype", 1)) : ctx.inputType(0).dtype();
        if (t == null) {
            throw ctx.unsupported("dtype " + ctx.attrInt("dtype", 1));
        }
        long k = ctx.attrInt("k", 0);
        Tensor out = Tensor.zeros(t, s);
        Data d = Data.of(out);
        for (int i = 0; i < s.get(0); i++) {
            long j = i + k;
            if (j >= 0 && j < s.get(1)) {
                d.setConverted((int) (i * s.get(1) + j), 1);
            }
        }
        return out;
    }

    /** Data-dependent output shape: the input must be known at resize (a fed input is pinned, resizing on change). */
    private static Tensor nonZero(OpContext ctx) {
        Tensor x = ctx.value(0);
        long[] d = x.getShape().dims();
        List<Integer> hits = new java.util.ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            if (x.getDouble(i) != 0) {
                hits.add(i);
            }
        }
        long[] out = new long[d.length * hits.size()];
        for (int h = 0; h < hits.size(); h++) {
            long rest = hits.get(h);
            for (int a = d.length - 1; a >= 0; a--) {
                out[a * hits.size() + h] = rest % d[a];
                rest /= d[a];
            }
        }
        return Tensor.ofLongs(Shape.of(d.length, hits.size()), out);
    }

    /** Unique over the flattened input (no axis) or along an axis: values, first indices, inverse indices, counts. */
    private static List<Tensor> uniqueValues(OpContext ctx) {
        Tensor x = ctx.value(0);
        long[] d = x.getShape().dims();
        boolean flat = !ctx.hasAttr("axis");
        int axis = flat ? 0 : Emit.axis(ctx, ctx.attrInt("axis", 0), d.length);
        long[] dims = flat ? new long[] {x.size()} : d;
        int outer = Emit.product(dims, 0, axis);
        int n = (int) dims[axis];
        int inner = Emit.product(dims, axis + 1, dims.length);
        List<double[]> slices = new java.util.ArrayList<>();
        for (int j = 0; j < n; j++) {
            double[] s = new double[outer * inner];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    s[o * inner + i] = x.getDouble((o * n + j) * inner + i);
                }
            }
            slices.add(s);
        }
        List<Integer> firsts = new java.util.ArrayList<>();
        long[] inverse = new long[n];
        for (int j = 0; j < n; j++) {
            int found = -1;
            for (int u = 0; u < firsts.size() && found < 0; u++) {
                if (java.util.Arrays.equals(slices.get(firsts.get(u)), slices.get(j))) {
                    found = u;
                }
            }
            if (found < 0) {
                firsts.add(j);
                found = firsts.size() - 1;
            }
            inverse[j] = found;
        }
        Integer[] order = new Integer[firsts.size()];
        java.util.Arrays.setAll(order, u -> u);
        if (ctx.attrInt("sorted", 1) != 0) {
            java.util.Arrays.sort(order, (p, q) -> java.util.Arrays.compare(slices.get(firsts.get(p)), slices.get(firsts.get(q))));
        }
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        long[] outDims = dims.clone();
        outDims[axis] = order.length;
        Tensor values = Tensor.zeros(x.getDType(), Shape.of(outDims));
        Data v = Data.of(values);
        Data src = Data.of(x);
        long[] idx = new long[order.length];
        long[] counts = new long[order.length];
        for (int r = 0; r < order.length; r++) {
            int j = firsts.get(order[r]);
            idx[r] = j;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    v.copy((o * order.length + r) * inner + i, src, (o * n + j) * inner + i);
                }
            }
        }
        for (int j = 0; j < n; j++) {
            inverse[j] = rank[(int) inverse[j]];
            counts[(int) inverse[j]]++;
        }
        return List.of(values, Tensor.ofLongs(Shape.of(idx.length), idx), Tensor.ofLongs(Shape.of(n), inverse),
                Tensor.ofLongs(Shape.of(counts.length), counts));
    }

    private static List<TensorType> uniqueShape(OpContext ctx) {
        return uniqueValues(ctx).stream().map(ConstantOps::type).toList();
    }

    private static void unique(OpContext ctx) {
        List<Tensor> all = uniqueValues(ctx);
        for (int i = 0; i < ctx.node().outputs().size(); i++) {
            if (!ctx.node().outputs().get(i).isEmpty()) {
                ctx.setOutput(i, ctx.constant(all.get(i)));
            }
        }
    }

    /** Keeps the upper (or lower) triangle: SELECT(mask, x, 0) with the mask a resize-time constant. */
    private static void trilu(OpContext ctx) {
        PlanTensor x = ctx.in(0);
        long[] d = x.shape().dims();
        long k = ctx.hasInput(1) ? ctx.longs(1)[0] : 0;
        boolean upper = ctx.attrInt("upper", 1) != 0;
        long rows = d[d.length - 2];
        long cols = d[d.length - 1];
        Tensor mask = Tensor.zeros(DType.BOOL, Shape.of(rows, cols));
        Data m = Data.of(mask);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                boolean keep = upper ? j - i >= k : j - i <= k;
                m.setLong((int) (i * cols + j), keep ? 1 : 0);
            }
        }
        PlanTensor out = ctx.out(0);
        ctx.emit(AtomicOp.SELECT, new Params.Select(), List.of(Emit.broadcastTo(ctx, ctx.constant(mask), out.shape()), x,
                Emit.broadcastTo(ctx, Emit.scalar(ctx, x.dtype(), 0), out.shape())), List.of(out));
    }
}
