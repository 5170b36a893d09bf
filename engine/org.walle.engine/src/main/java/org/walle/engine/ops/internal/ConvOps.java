package org.walle.engine.ops.internal;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.Regions;
import org.walle.engine.decompose.View;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.Shape;

/**
 * Conv and ConvTranspose. Constant weights keep the native CONV / CONV_DEPTHWISE kernel; run-time weights (1-d or
 * 2-d) decompose into Pad regions -> Im2Col regions -> MATMUL -> bias BINARY -> transpose region back to NCHW.
 */
final class ConvOps {
    private ConvOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("Conv", ctx -> List.of(new TensorType(ctx.inputType(0).dtype(), convShape(ctx))), ConvOps::conv));
        r.register(OpDef.of("ConvInteger", ctx -> List.of(new TensorType(org.walle.engine.tensor.DType.INT32, convShape(ctx))),
                ConvOps::convInteger));
        r.register(OpDef.of("ConvTranspose", ctx -> List.of(new TensorType(ctx.inputType(0).dtype(), transposeGeometry(ctx).shape)),
                ConvOps::convTranspose));
    }

    static int[] kernelOf(OpContext ctx) {
        long[] w = ctx.inputShape(1).dims();
        long[] k = ctx.attrInts("kernel_shape");
        int[] out = new int[w.length - 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) (k != null ? k[i] : w[2 + i]);
        }
        return out;
    }

    static Windows windows(OpContext ctx) {
        long[] x = ctx.inputShape(0).dims();
        if (x.length < 3 || ctx.inputShape(1).rank() != x.length) {
            throw ctx.error("needs X [N,C,...] and W of the same rank, got " + ctx.inputShape(0) + " and " + ctx.inputShape(1));
        }
        return Windows.of(ctx, java.util.Arrays.copyOfRange(x, 2, x.length), kernelOf(ctx), false);
    }

    private static Shape convShape(OpContext ctx) {
        long[] x = ctx.inputShape(0).dims();
        long[] w = ctx.inputShape(1).dims();
        long group = ctx.attrInt("group", 1);
        if (group <= 0 || x[1] != w[1] * group || w[0] % group != 0) {
            throw ctx.error("channels " + x[1] + " do not match weight " + ctx.inputShape(1) + " with group " + group);
        }
        Windows win = windows(ctx);
        long[] out = new long[x.length];
        out[0] = x[0];
        out[1] = w[0];
        System.arraycopy(win.out(), 0, out, 2, win.out().length);
        return Shape.of(out);
    }

    private static void conv(OpContext ctx) {
        Windows win = windows(ctx);
        int group = (int) ctx.attrInt("group", 1);
        long[] x = ctx.inputShape(0).dims();
        long[] w = ctx.inputShape(1).dims();
        if (ctx.valueOrNull(1) == null && x.length <= 4) {
            im2col(ctx, win, group);
            return;
        }
        boolean depthwise = group > 1 && group == x[1] && w[0] == group;
        List<PlanTensor> in = new ArrayList<>(List.of(ctx.in(0), ctx.in(1)));
        if (ctx.hasInput(2)) {
            in.add(ctx.in(2));
        }
        ctx.emit(depthwise ? AtomicOp.CONV_DEPTHWISE : AtomicOp.CONV, new Params.Conv(group, win.kernel(), win.strides(),
                win.padsBegin(), win.dilations(), null), in, List.of(ctx.out(0)));
    }

    /** Zero points subtracted in INT32, then the native kernel accumulates exactly (|sum| stays below 2^53). */
    private static void convInteger(OpContext ctx) {
        Windows win = windows(ctx);
        PlanTensor x = MatMulOps.widen(ctx, 0, 2, -3);
        PlanTensor w = MatMulOps.widen(ctx, 1, 3, -4);
        ctx.emit(AtomicOp.CONV, new Params.Conv((int) ctx.attrInt("group", 1), win.kernel(), win.strides(), win.padsBegin(),
                win.dilations(), null), List.of(x, w), List.of(ctx.out(0)));
    }

    /** Run-time weights: the MNN geometry route, so every piece is an atomic op or a region. */
    private static void im2col(OpContext ctx, Windows win, int group) {
        PlanTensor x = ctx.in(0);
        long[] xd = x.shape().dims();
        boolean oneD = xd.length == 3;
        long n = xd[0];
        long c = xd[1];
        long h = oneD ? 1 : xd[2];
        long wd = xd[xd.length - 1];
        int kh = oneD ? 1 : win.kernel()[0];
        int kw = win.kernel()[win.kernel().length - 1];
        int sh = oneD ? 1 : win.strides()[0];
        int sw = win.strides()[win.strides().length - 1];
        int dh = oneD ? 1 : win.dilations()[0];
        int dw = win.dilations()[win.dilations().length - 1];
        int ph = oneD ? 0 : win.padsBegin()[0];
        int pw = win.padsBegin()[win.padsBegin().length - 1];
        int phe = oneD ? 0 : win.padsEnd()[0];
        int pwe = win.padsEnd()[win.padsEnd().length - 1];
        long oh = oneD ? 1 : win.out()[0];
        long ow = win.out()[win.out().length - 1];
        long hp = h + ph + phe;
        long wp = wd + pw + pwe;
        PlanTensor padded = x;
        if (ph + phe + pw + pwe > 0) {
            List<Region> r = Regions.strided(0, 0, new long[] {h * wd, wd, 1}, Math.toIntExact(ph * wp + pw),
                    new long[] {hp * wp, wp, 1}, new long[] {n * c, h, wd});
            padded = ctx.view(x.dtype(), Shape.of(n, c, hp, wp), List.of(x), r, 0.0);
        }
        PlanTensor weight = ctx.in(1);
        long m = weight.shape().get(0);
        long cg = c / group;
        long mg = m / group;
        long rows = cg * kh * kw;
        long cols = n * oh * ow;
        List<PlanTensor> parts = new ArrayList<>();
        for (int g = 0; g < group; g++) {
            List<Region> regions = new ArrayList<>();
            for (long ci = 0; ci < cg; ci++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        long row = (ci * kh + ky) * kw + kx;
                        long srcOff = ((g * cg + ci) * hp + (long) ky * dh) * wp + (long) kx * dw;
                        regions.add(Region.of(0, View.of(Math.toIntExact(srcOff), Math.toIntExact(c * hp * wp),
                                Math.toIntExact(sh * wp), sw), View.of(Math.toIntExact(row * cols),
                                Math.toIntExact(oh * ow), Math.toIntExact(ow), 1), (int) n, (int) oh, (int) ow));
                    }
                }
            }
            PlanTensor col = ctx.view(x.dtype(), Shape.of(rows, cols), List.of(padded), regions, null);
            List<Region> wr = List.of(Region.of(0, View.of(Math.toIntExact(g * mg * rows), 0, 0, 1), View.of(0, 0, 0, 1),
                    1, 1, Math.toIntExact(mg * rows)));
            PlanTensor wg = ctx.view(x.dtype(), Shape.of(mg, rows), List.of(weight), wr, null);
            PlanTensor prod = ctx.temp(x.dtype(), Shape.of(mg, cols));
            ctx.emit(AtomicOp.MATMUL, Params.MatMul.plain((int) mg, (int) cols, (int) rows), List.of(wg, col), List.of(prod));
            if (ctx.hasInput(2)) {
                List<Region> br = List.of(Region.of(0, View.of(Math.toIntExact(g * mg), 0, 1, 0), View.of(0, 0, (int) cols, 1),
                        1, (int) mg, (int) cols));
                PlanTensor bias = ctx.view(x.dtype(), Shape.of(mg, cols), List.of(ctx.in(2)), br, null);
                PlanTensor withBias = ctx.temp(x.dtype(), Shape.of(mg, cols));
                Emit.binary(ctx, BinaryKind.ADD, prod, bias, withBias);
                prod = withBias;
            }
            parts.add(prod);
        }
        // [M, N, OH*OW] -> [N, M, OH*OW]: one region per group, written straight into the output layout
        List<Region> back = new ArrayList<>();
        for (int g = 0; g < group; g++) {
            back.add(Region.of(g, View.of(0, Math.toIntExact(oh * ow), Math.toIntExact(cols), 1),
                    View.of(Math.toIntExact(g * mg * oh * ow), Math.toIntExact(m * oh * ow), Math.toIntExact(oh * ow), 1),
                    (int) n, (int) mg, (int) (oh * ow)));
        }
        ctx.setOutput(0, ctx.view(x.dtype(), ctx.outputType(0).shape(), parts, back, null));
    }

    /** ConvTranspose output shape and the pads it implies. */
    private record TGeometry(Shape shape, int[] padsBegin, int[] kernel, int[] strides, int[] dilations) {
    }

    private static TGeometry transposeGeometry(OpContext ctx) {
        long[] x = ctx.inputShape(0).dims();
        long[] w = ctx.inputShape(1).dims();
        int sp = x.length - 2;
        long group = ctx.attrInt("group", 1);
        if (x[1] != w[0]) {
            throw ctx.error("input channels " + x[1] + " do not match weight " + ctx.inputShape(1));
        }
        int[] k = kernelOf(ctx);
        int[] s = Windows.ints(ctx.attrInts("strides"), sp, 1);
        int[] d = Windows.ints(ctx.attrInts("dilations"), sp, 1);
        int[] pads = Windows.ints(ctx.attrInts("pads"), 2 * sp, 0);
        int[] op = Windows.ints(ctx.attrInts("output_padding"), sp, 0);
        long[] outShape = ctx.attrInts("output_shape");
        String auto = ctx.attrString("auto_pad", "NOTSET");
        long[] out = new long[x.length];
        out[0] = x[0];
        out[1] = w[1] * group;
        int[] pb = new int[sp];
        for (int i = 0; i < sp; i++) {
            long full = (long) s[i] * (x[2 + i] - 1) + op[i] + (long) (k[i] - 1) * d[i] + 1;
            if (outShape != null || !auto.equals("NOTSET") && !auto.equals("VALID")) {
                long target = outShape != null ? outShape[outShape.length - sp + i] : x[2 + i] * s[i];
                long total = full - target;
                // floor division as in the ONNX reference: a negative total (output_shape larger than full) pads the end
                pb[i] = (int) (auto.equals("SAME_UPPER") ? Math.floorDiv(total, 2) : total - Math.floorDiv(total, 2));
                out[2 + i] = target;
            } else {
                pb[i] = auto.equals("VALID") ? 0 : pads[i];
                int pe = auto.equals("VALID") ? 0 : pads[sp + i];
                out[2 + i] = full - pb[i] - pe;
            }
        }
        return new TGeometry(Shape.of(out), pb, k, s, d);
    }

    private static void convTranspose(OpContext ctx) {
        TGeometry g = transposeGeometry(ctx);
        List<PlanTensor> in = new ArrayList<>(List.of(ctx.in(0), ctx.in(1)));
        if (ctx.hasInput(2)) {
            in.add(ctx.in(2));
        }
        ctx.emit(AtomicOp.CONV_TRANSPOSE, new Params.Conv((int) ctx.attrInt("group", 1), g.kernel(), g.strides(),
                g.padsBegin(), g.dilations(), null), in, List.of(ctx.out(0)));
    }
}
