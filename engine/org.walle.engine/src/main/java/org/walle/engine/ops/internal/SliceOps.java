package org.walle.engine.ops.internal;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.Regions;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.Shape;

/** Ops that cut or join along axes: Slice, Split and Concat (one virtual tensor with a region per input). */
final class SliceOps {
    private SliceOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("Slice", SliceOps::sliceShape, SliceOps::slice, 1, 2, 3, 4));
        r.register(OpDef.of("Concat", SliceOps::concatShape, SliceOps::concat));
        r.register(OpDef.of("Split", SliceOps::splitShape, SliceOps::split, 1));
        r.register(OpDef.of("ReverseSequence", ctx -> List.of(ctx.inputType(0)), SliceOps::reverseSequence, 1));
    }

    /** Per axis: start, step, count (ONNX clamping rules applied). */
    private static long[][] sliceSpec(OpContext ctx) {
        long[] dims = ctx.inputShape(0).dims();
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (ctx.opset() < 10) {
            starts = ctx.attrInts("starts");
            ends = ctx.attrInts("ends");
            axes = ctx.attrInts("axes");
        } else {
            starts = ctx.longs(1);
            ends = ctx.longs(2);
            axes = ctx.hasInput(3) ? ctx.longs(3) : null;
            steps = ctx.hasInput(4) ? ctx.longs(4) : null;
        }
        if (starts == null || ends == null || starts.length != ends.length) {
            throw ctx.error("starts and ends must be given with the same length");
        }
        long[][] spec = new long[dims.length][];
        for (int i = 0; i < dims.length; i++) {
            spec[i] = new long[] {0, 1, dims[i]};
        }
        for (int i = 0; i < starts.length; i++) {
            int ax = Emit.axis(ctx, axes == null ? i : axes[i], dims.length);
            long step = steps == null ? 1 : steps[i];
            if (step == 0) {
                throw ctx.error("slice step 0 on axis " + ax);
            }
            long d = dims[ax];
            long s = starts[i] < 0 ? starts[i] + d : starts[i];
            long e = ends[i] < 0 ? ends[i] + d : ends[i];
            if (step > 0) {
                s = Math.max(0, Math.min(d, s));
                e = Math.max(0, Math.min(d, e));
            } else {
                s = Math.max(0, Math.min(d - 1, s));
                e = Math.max(-1, Math.min(d - 1, e));
            }
            long count = d == 0 ? 0 : step > 0 ? Math.max(0, (e - s + step - 1) / step) : Math.max(0, (s - e + (-step) - 1) / (-step));
            spec[ax] = new long[] {s, step, count};
        }
        return spec;
    }

    private static List<TensorType> sliceShape(OpContext ctx) {
        long[][] spec = sliceSpec(ctx);
        long[] out = new long[spec.length];
        for (int i = 0; i < spec.length; i++) {
            out[i] = spec[i][2];
        }
        return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(out)));
    }

    private static void slice(OpContext ctx) {
        ctx.setOutput(0, sliceView(ctx, ctx.in(0), sliceSpec(ctx)));
    }

    static PlanTensor sliceView(OpContext ctx, PlanTensor x, long[][] spec) {
        long[] stride = Regions.contiguousStrides(x.shape().dims());
        long[] out = new long[spec.length];
        long[] srcStride = new long[spec.length];
        long off = 0;
        for (int i = 0; i < spec.length; i++) {
            out[i] = spec[i][2];
            srcStride[i] = stride[i] * spec[i][1];
            off += spec[i][0] * stride[i];
        }
        boolean empty = Shape.of(out).size() == 0;
        List<Region> regions = empty ? List.of()
                : Regions.strided(0, Math.toIntExact(off), srcStride, 0, Regions.contiguousStrides(out), out);
        return ctx.view(x.dtype(), Shape.of(out), List.of(x), regions, null);
    }

    private static List<TensorType> concatShape(OpContext ctx) {
        Shape first = ctx.inputShape(0);
        int axis = Emit.axis(ctx, ctx.attrInt("axis", 0), first.rank());
        long[] out = first.dims();
        out[axis] = 0;
        for (int i = 0; i < ctx.inputCount(); i++) {
            Shape s = ctx.inputShape(i);
            for (int d = 0; d < out.length; d++) {
                if (s.rank() != out.length || (d != axis && s.get(d) != out[d])) {
                    throw ctx.error("input " + i + " has shape " + s + ", incompatible with " + first + " on axis " + axis);
                }
            }
            out[axis] += s.get(axis);
        }
        return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(out)));
    }

    /** Horizontal merge: every input is one region of the same virtual tensor, so one Raster copies them all. */
    private static void concat(OpContext ctx) {
        Shape outShape = ctx.outputType(0).shape();
        long[] out = outShape.dims();
        int axis = Emit.axis(ctx, ctx.attrInt("axis", 0), out.length);
        int outer = Emit.product(out, 0, axis);
        int inner = Emit.product(out, axis + 1, out.length);
        int total = Math.toIntExact(out[axis]);
        List<PlanTensor> sources = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < ctx.inputCount(); i++) {
            PlanTensor x = ctx.in(i);
            int a = Math.toIntExact(x.shape().get(axis));
            if (a * inner * outer > 0) {
                sources.add(x);
                regions.add(Region.of(sources.size() - 1, org.walle.engine.decompose.View.of(0, 0, a * inner, 1),
                        org.walle.engine.decompose.View.of(at * inner, 0, total * inner, 1), 1, outer, a * inner));
            }
            at += a;
        }
        ctx.setOutput(0, ctx.view(ctx.outputType(0).dtype(), outShape, sources, regions, null));
    }

    private static long[] splitSizes(OpContext ctx) {
        long[] dims = ctx.inputShape(0).dims();
        int axis = Emit.axis(ctx, ctx.attrInt("axis", 0), dims.length);
        long[] split = ctx.opset() >= 13 ? (ctx.hasInput(1) ? ctx.longs(1) : null) : ctx.attrInts("split");
        int n = ctx.node().outputs().size();
        if (split == null) {
            long parts = ctx.hasAttr("num_outputs") ? ctx.attrInt("num_outputs", n) : n;
            long each = (dims[axis] + parts - 1) / parts;
            split = new long[(int) parts];
            for (int i = 0; i < parts; i++) {
                split[i] = Math.max(0, Math.min(each, dims[axis] - i * each));
            }
        }
        long sum = 0;
        for (long s : split) {
            sum += s;
        }
        if (sum != dims[axis]) {
            throw ctx.error("split sizes sum to " + sum + ", axis " + axis + " has " + dims[axis]);
        }
        return split;
    }

    private static List<TensorType> splitShape(OpContext ctx) {
        long[] dims = ctx.inputShape(0).dims();
        int axis = Emit.axis(ctx, ctx.attrInt("axis", 0), dims.length);
        List<TensorType> out = new ArrayList<>();
        for (long s : splitSizes(ctx)) {
            long[] d = dims.clone();
            d[axis] = s;
            out.add(new TensorType(ctx.inputType(0).dtype(), Shape.of(d)));
        }
        return out;
    }

    private static void split(OpContext ctx) {
        PlanTensor x = ctx.in(0);
        long[] dims = x.shape().dims();
        int axis = Emit.axis(ctx, ctx.attrInt("axis", 0), dims.length);
        long start = 0;
        long[] sizes = splitSizes(ctx);
        for (int i = 0; i < sizes.length; i++) {
            long[][] spec = new long[dims.length][];
            for (int d = 0; d < dims.length; d++) {
                spec[d] = d == axis ? new long[] {start, 1, sizes[i]} : new long[] {0, 1, dims[d]};
            }
            start += sizes[i];
            if (i < ctx.node().outputs().size() && !ctx.node().outputs().get(i).isEmpty()) {
                ctx.setOutput(i, sliceView(ctx, x, spec));
            }
        }
    }

    /** Per batch entry: one region reading the first len steps backwards (negative stride), one copying the rest. */
    private static void reverseSequence(OpContext ctx) {
        PlanTensor x = ctx.in(0);
        long[] d = x.shape().dims();
        int batchAxis = Emit.axis(ctx, ctx.attrInt("batch_axis", 1), d.length);
        int timeAxis = Emit.axis(ctx, ctx.attrInt("time_axis", 0), d.length);
        long[] lens = ctx.longs(1);
        long[] stride = Regions.contiguousStrides(d);
        List<Region> regions = new ArrayList<>();
        for (int b = 0; b < d[batchAxis]; b++) {
            long len = Math.min(lens[b], d[timeAxis]);
            long[] sizes = d.clone();
            sizes[batchAxis] = 1;
            long base = b * stride[batchAxis];
            if (len > 0) {
                long[] src = stride.clone();
                src[timeAxis] = -stride[timeAxis];
                sizes[timeAxis] = len;
                regions.addAll(Regions.strided(0, Math.toIntExact(base + (len - 1) * stride[timeAxis]), src,
                        Math.toIntExact(base), stride, sizes));
            }
            if (len < d[timeAxis]) {
                sizes[timeAxis] = d[timeAxis] - len;
                int off = Math.toIntExact(base + len * stride[timeAxis]);
                regions.addAll(Regions.strided(0, off, stride, off, stride, sizes));
            }
        }
        ctx.setOutput(0, ctx.view(x.dtype(), x.shape(), List.of(x), regions, null));
    }
}
