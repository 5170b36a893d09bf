package org.walle.engine.ops.internal;

import java.util.List;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Params;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.Shape;

/** Resize (opset 10+) and the older Upsample: one native RESIZE command with resolved scales and output sizes. */
final class ResizeOps {
    private ResizeOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("Resize", ctx -> List.of(type(ctx)), ResizeOps::resize, 1, 2, 3).since(10));
        r.register(OpDef.of("Upsample", ctx -> List.of(type(ctx)), ResizeOps::resize, 1));
    }

    private static TensorType type(OpContext ctx) {
        return new TensorType(ctx.inputType(0).dtype(), Shape.of(geometry(ctx).out));
    }

    private record Geometry(long[] out, float[] scales, float[] roi) {
    }

    private static Geometry geometry(OpContext ctx) {
        long[] in = ctx.inputShape(0).dims();
        int rank = in.length;
        if (ctx.attrInt("antialias", 0) != 0) {
            throw ctx.unsupported("antialias");
        }
        if (ctx.hasAttr("axes")) {
            throw ctx.unsupported("axes");
        }
        boolean upsample = ctx.node().opType().equals("Upsample");
        int scalesInput = upsample || ctx.opset() < 11 ? 1 : 2;
        float[] scales = null;
        if (upsample && ctx.opset() < 9) {
            scales = ctx.attrFloats("scales");
        } else if (ctx.hasInput(scalesInput) && ctx.value(scalesInput).size() > 0) {
            scales = ctx.value(scalesInput).toFloatArray();
        }
        long[] out = new long[rank];
        float[] roi = new float[2 * rank];
        for (int i = 0; i < rank; i++) {
            roi[rank + i] = 1;
        }
        if (!upsample && ctx.opset() >= 11 && ctx.hasInput(1) && ctx.value(1).size() == 2 * rank) {
            roi = ctx.value(1).toFloatArray();
        }
        if (scales != null) {
            if (scales.length != rank) {
                throw ctx.error("scales has " + scales.length + " entries for rank " + rank);
            }
            for (int i = 0; i < rank; i++) {
                out[i] = (long) Math.floor(in[i] * (double) scales[i]);
            }
            return new Geometry(out, scales, roi);
        }
        if (!ctx.hasInput(3)) {
            throw ctx.error("needs scales or sizes");
        }
        long[] sizes = ctx.longs(3);
        String policy = ctx.attrString("keep_aspect_ratio_policy", "stretch");
        scales = new float[rank];
        double common = policy.equals("not_larger") ? Double.MAX_VALUE : 0;
        for (int i = 0; i < rank; i++) {
            double s = (double) sizes[i] / in[i];
            common = policy.equals("not_larger") ? Math.min(common, s) : Math.max(common, s);
        }
        for (int i = 0; i < rank; i++) {
            if (policy.equals("stretch")) {
                out[i] = sizes[i];
                scales[i] = (float) sizes[i] / in[i];
            } else {
                out[i] = Math.round(in[i] * common);
                scales[i] = (float) common;
            }
        }
        return new Geometry(out, scales, roi);
    }

    private static void resize(OpContext ctx) {
        Geometry g = geometry(ctx);
        boolean old = ctx.node().opType().equals("Upsample") || ctx.opset() < 11;
        String mode = ctx.attrString("mode", "nearest");
        if (mode.equals("bilinear") || mode.equals("trilinear")) {
            mode = "linear";
        }
        String coordinate = old ? "asymmetric" : ctx.attrString("coordinate_transformation_mode", "half_pixel");
        String nearest = old ? "floor" : ctx.attrString("nearest_mode", "round_prefer_floor");
        ctx.emit(AtomicOp.RESIZE, new Params.Resize(mode, coordinate, nearest, ctx.attrFloat("cubic_coeff_a", -0.75f),
                ctx.attrInt("exclude_outside", 0) != 0, ctx.attrFloat("extrapolation_value", 0f), g.scales(), g.roi()),
                List.of(ctx.in(0)), List.of(ctx.out(0)));
    }
}
