package org.walle.engine.ops.internal;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.Regions;
import org.walle.engine.decompose.View;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.Shape;

/** Data-movement ops that repeat, pad, shuffle or pick: Tile, Pad, DepthToSpace, SpaceToDepth, Gather. */
final class CopyOps {
    private CopyOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("Tile", CopyOps::tileShape, CopyOps::tile, 1));
        r.register(OpDef.of("Pad", CopyOps::padShape, CopyOps::pad, 1, 2, 3));
        r.register(OpDef.of("DepthToSpace", ctx -> List.of(spaceShape(ctx, true)), ctx -> space(ctx, true)));
        r.register(OpDef.of("SpaceToDepth", ctx -> List.of(spaceShape(ctx, false)), ctx -> space(ctx, false)));
        r.register(OpDef.of("Gather", CopyOps::gatherShape, CopyOps::gather));
        r.register(OpDef.of("Compress", CopyOps::compressShape, CopyOps::compress, 1));
    }

    private static List<TensorType> tileShape(OpContext ctx) {
        long[] d = ctx.inputShape(0).dims();
        long[] rep = ctx.longs(1);
        if (rep.length != d.length) {
            throw ctx.error("repeats has " + rep.length + " entries for rank " + d.length);
        }
        for (int i = 0; i < d.length; i++) {
            d[i] *= rep[i];
        }
        return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(d)));
    }

    /** Output viewed as [r0, d0, r1, d1, ...]: the repeat dims read with stride 0. */
    private static void tile(OpContext ctx) {
        PlanTensor x = ctx.in(0);
        long[] d = x.shape().dims();
        long[] out = ctx.outputType(0).shape().dims();
        long[] inStride = Regions.contiguousStrides(d);
        long[] outStride = Regions.contiguousStrides(out);
        int n = d.length;
        long[] sizes = new long[2 * n];
        long[] src = new long[2 * n];
        long[] dst = new long[2 * n];
        for (int i = 0; i < n; i++) {
            sizes[2 * i] = d[i] == 0 ? 0 : out[i] / d[i];
            sizes[2 * i + 1] = d[i];
            src[2 * i + 1] = inStride[i];
            dst[2 * i] = d[i] * outStride[i];
            dst[2 * i + 1] = outStride[i];
        }
        List<Region> regions = Regions.strided(0, 0, src, 0, dst, sizes);
        ctx.setOutput(0, ctx.view(x.dtype(), Shape.of(out), List.of(x), regions, null));
    }

    private static long[] pads(OpContext ctx) {
        int rank = ctx.inputShape(0).rank();
        long[] pads = ctx.opset() < 11 ? ctx.attrInts("pads") : ctx.longs(1);
        long[] axes = ctx.hasInput(3) ? ctx.longs(3) : null;
        if (pads == null) {
            throw ctx.error("pads are required");
        }
        long[] full = new long[2 * rank];
        int n = axes == null ? rank : axes.length;
        if (pads.length != 2 * n) {
            throw ctx.error("pads has " + pads.length + " entries, expected " + 2 * n);
        }
        for (int i = 0; i < n; i++) {
            int ax = axes == null ? i : Emit.axis(ctx, axes[i], rank);
            full[ax] = pads[i];
            full[rank + ax] = pads[n + i];
        }
        return full;
    }

    private static List<TensorType> padShape(OpContext ctx) {
        long[] d = ctx.inputShape(0).dims();
        long[] p = pads(ctx);
        for (int i = 0; i < d.length; i++) {
            d[i] += p[i] + p[d.length + i];
            if (d[i] < 0) {
                throw ctx.error("pads shrink axis " + i + " below zero");
            }
        }
        return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(d)));
    }

    /**
     * Constant mode is one region plus a fill value; edge and reflect add regions that copy border rows (reflect
     * with negative strides), one per padded block, so no kernel is needed for any mode.
     */
    private static void pad(OpContext ctx) {
        PlanTensor x = ctx.in(0);
        String mode = ctx.attrString("mode", "constant");
        long[] d = x.shape().dims();
        long[] out = ctx.outputType(0).shape().dims();
        long[] p = pads(ctx);
        int rank = d.length;
        double value = ctx.opset() < 11 ? ctx.attrFloat("value", 0f)
                : ctx.hasInput(2) ? ctx.value(2).getDouble(0) : 0;
        long[] inStride = Regions.contiguousStrides(d);
        long[] outStride = Regions.contiguousStrides(out);
        List<Region> regions = new ArrayList<>();
        if (!mode.equals("constant") && !mode.equals("edge") && !mode.equals("reflect") && !mode.equals("wrap")) {
            throw ctx.unsupported("pad mode " + mode);
        }
        // every output coordinate along an axis falls in [before | body | after]; enumerate the 3^rank blocks
        int blocks = (int) Math.pow(3, rank);
        for (int b = 0; b < blocks; b++) {
            long[] sizes = new long[rank];
            long[] src = new long[rank];
            long srcOff = 0;
            long dstOff = 0;
            boolean skip = false;
            int code = b;
            for (int i = 0; i < rank; i++) {
                int part = code % 3;
                code /= 3;
                long before = p[i];
                long after = p[rank + i];
                long bodyStart = Math.max(0, -before);
                long bodyLen = d[i] - bodyStart - Math.max(0, -after);
                if (part == 1) {
                    sizes[i] = bodyLen;
                    src[i] = inStride[i];
                    srcOff += bodyStart * inStride[i];
                    dstOff += Math.max(0, before) * outStride[i];
                } else {
                    long len = part == 0 ? Math.max(0, before) : Math.max(0, after);
                    if (len == 0) {
                        skip = true;
                        break;
                    }
                    if (mode.equals("constant")) {
                        skip = true;
                        break;
                    }
                    sizes[i] = len;
                    long dstStart = part == 0 ? 0 : Math.max(0, before) + bodyLen;
                    dstOff += dstStart * outStride[i];
                    long[] m = borderMap(mode, part == 0, len, d[i], ctx);
                    srcOff += m[0] * inStride[i];
                    src[i] = m[1] * inStride[i];
                }
            }
            if (!skip) {
                regions.addAll(Regions.strided(0, Math.toIntExact(srcOff), src, Math.toIntExact(dstOff), outStride, sizes));
            }
        }
        ctx.setOutput(0, ctx.view(x.dtype(), Shape.of(out), List.of(x), regions, mode.equals("constant") ? value : null));
    }

    /** First source index and step of a border block: edge repeats (step 0), reflect mirrors (step -1), wrap cycles. */
    private static long[] borderMap(String mode, boolean before, long len, long dim, OpContext ctx) {
        switch (mode) {
            case "edge" -> {
                return new long[] {before ? 0 : dim - 1, 0};
            }
            case "reflect" -> {
                if (len > dim - 1) {
                    throw ctx.unsupported("reflect padding wider than the axis");
                }
                return before ? new long[] {len, -1} : new long[] {dim - 2, -1};
            }
            default -> {
                if (len > dim) {
                    throw ctx.unsupported("wrap padding wider than the axis");
                }
                return before ? new long[] {dim - len, 1} : new long[] {0, 1};
            }
        }
    }

    private static TensorType spaceShape(OpContext ctx, boolean toSpace) {
        long[] d = ctx.inputShape(0).dims();
        long bs = ctx.attrInt("blocksize", 0);
        if (d.length != 4 || bs <= 0 || (toSpace ? d[1] % (bs * bs) != 0 : d[2] % bs != 0 || d[3] % bs != 0)) {
            throw ctx.error("needs a 4-d input and a blocksize dividing it, got " + ctx.inputShape(0) + " and " + bs);
        }
        Shape s = toSpace ? Shape.of(d[0], d[1] / (bs * bs), d[2] * bs, d[3] * bs)
                : Shape.of(d[0], d[1] * bs * bs, d[2] / bs, d[3] / bs);
        return new TensorType(ctx.inputType(0).dtype(), s);
    }

    /** Reshape to 6-d, transpose, reshape back: views only, so the planner merges them into rasters. */
    private static void space(OpContext ctx, boolean toSpace) {
        PlanTensor x = ctx.in(0);
        long[] d = x.shape().dims();
        long bs = ctx.attrInt("blocksize", 0);
        boolean crd = ctx.attrString("mode", "DCR").equals("CRD");
        PlanTensor six;
        int[] perm;
        if (toSpace) {
            long c = d[1] / (bs * bs);
            six = Emit.reshape(ctx, x, crd ? Shape.of(d[0], c, bs, bs, d[2], d[3]) : Shape.of(d[0], bs, bs, c, d[2], d[3]));
            perm = crd ? new int[] {0, 1, 4, 2, 5, 3} : new int[] {0, 3, 4, 1, 5, 2};
        } else {
            six = Emit.reshape(ctx, x, Shape.of(d[0], d[1], d[2] / bs, bs, d[3] / bs, bs));
            perm = new int[] {0, 3, 5, 1, 2, 4};
        }
        PlanTensor moved = Emit.transpose(ctx, six, perm);
        ctx.setOutput(0, Emit.reshape(ctx, moved, ctx.outputType(0).shape()));
    }

    private static List<TensorType> gatherShape(OpContext ctx) {
        long[] d = ctx.inputShape(0).dims();
        int axis = Emit.axis(ctx, ctx.attrInt("axis", 0), d.length);
        long[] idx = ctx.inputShape(1).dims();
        long[] out = new long[d.length - 1 + idx.length];
        int j = 0;
        for (int i = 0; i < axis; i++) {
            out[j++] = d[i];
        }
        for (long v : idx) {
            out[j++] = v;
        }
        for (int i = axis + 1; i < d.length; i++) {
            out[j++] = d[i];
        }
        return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(out)));
    }

    /**
     * Constant indices: one region per index (a virtual tensor). Run-time indices: a LOOP over the indices whose
     * body is a one-region RASTER, its source offset read from the index tensor each iteration.
     */
    private static void gather(OpContext ctx) {
        PlanTensor data = ctx.in(0);
        long[] d = data.shape().dims();
        int axis = Emit.axis(ctx, ctx.attrInt("axis", 0), d.length);
        int outer = Emit.product(d, 0, axis);
        int inner = Emit.product(d, axis + 1, d.length);
        int a = Math.toIntExact(d[axis]);
        int q = ctx.inputType(1).shape().isStatic() ? Math.toIntExact(ctx.inputShape(1).size()) : 0;
        Shape outShape = ctx.outputType(0).shape();
        View dst = View.of(0, 0, q * inner, 1);
        if (ctx.valueOrNull(1) != null) {
            ctx.setOutput(0, gatherConstant(ctx, data, axis, ctx.longs(1), outShape));
            return;
        }
        PlanTensor src = ctx.realize(data);
        PlanTensor indices = ctx.realize(ctx.in(1));
        PlanTensor out = ctx.out(0);
        if (outShape.size() == 0) {
            return;
        }
        Region body = Region.of(0, View.of(0, 0, a * inner, 1), dst, 1, outer, inner);
        Command raster = new Command(AtomicOp.RASTER, ctx.node().name(), List.of(src), List.of(out),
                new Params.Raster(List.of(body), null));
        ctx.emit(AtomicOp.LOOP, new Params.Loop(q, raster, List.of(Params.Step.indexed(0, inner, a),
                Params.Step.linear(inner))), List.of(src, indices), List.of(out));
    }

    /** Indices known at resize: one region per index over the data, no loop and no kernel. */
    private static PlanTensor gatherConstant(OpContext ctx, PlanTensor data, int axis, long[] idx, Shape outShape) {
        long[] d = data.shape().dims();
        int outer = Emit.product(d, 0, axis);
        int inner = Emit.product(d, axis + 1, d.length);
        int a = Math.toIntExact(d[axis]);
        int q = idx.length;
        List<Region> regions = new ArrayList<>();
        for (int i = 0; i < q && outer * inner > 0; i++) {
            long k = idx[i] < 0 ? idx[i] + a : idx[i];
            if (k < 0 || k >= a) {
                throw ctx.error("index " + idx[i] + " out of range for axis of size " + a);
            }
            regions.add(Region.of(0, View.of(Math.toIntExact(k * inner), 0, a * inner, 1),
                    View.of(i * inner, 0, q * inner, 1), 1, outer, inner));
        }
        return ctx.view(data.dtype(), outShape, List.of(data), regions, null);
    }

    /** The positions Compress keeps: the condition is needed at resize because it decides the output shape. */
    private static long[] kept(OpContext ctx, long axisLength) {
        long[] cond = ctx.longs(1);
        if (cond.length > axisLength) {
            throw ctx.error("condition has " + cond.length + " entries for an axis of " + axisLength);
        }
        return java.util.stream.IntStream.range(0, cond.length).filter(i -> cond[i] != 0).mapToLong(i -> i).toArray();
    }

    private static List<TensorType> compressShape(OpContext ctx) {
        long[] d = ctx.inputShape(0).dims();
        if (!ctx.hasAttr("axis")) {
            return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(kept(ctx, Emit.product(d, 0, d.length)).length)));
        }
        int axis = Emit.axis(ctx, ctx.attrInt("axis", 0), d.length);
        d[axis] = kept(ctx, d[axis]).length;
        return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(d)));
    }

    private static void compress(OpContext ctx) {
        PlanTensor x = ctx.in(0);
        long[] d = x.shape().dims();
        boolean flat = !ctx.hasAttr("axis");
        PlanTensor src = flat ? Emit.reshape(ctx, x, Shape.of(Emit.product(d, 0, d.length))) : x;
        int axis = flat ? 0 : Emit.axis(ctx, ctx.attrInt("axis", 0), d.length);
        ctx.setOutput(0, gatherConstant(ctx, src, axis, kept(ctx, src.shape().get(axis)), ctx.outputType(0).shape()));
    }
}
