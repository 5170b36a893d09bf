package org.walle.engine.ops.internal;

import java.util.List;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Params;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.Shape;

/** MaxPool, AveragePool, LpPool and their Global forms: one POOL command each. */
final class PoolOps {
    private PoolOps() {
    }

    static void register(OpRegistry r) {
        for (String name : List.of("MaxPool", "AveragePool", "LpPool", "GlobalMaxPool", "GlobalAveragePool", "GlobalLpPool")) {
            r.register(OpDef.of(name, ctx -> List.of(new TensorType(ctx.inputType(0).dtype(), shape(ctx))), PoolOps::pool));
        }
    }

    private static boolean global(OpContext ctx) {
        return ctx.node().opType().startsWith("Global");
    }

    private static Windows windows(OpContext ctx) {
        long[] x = ctx.inputShape(0).dims();
        if (x.length < 3) {
            throw ctx.error("needs an [N,C,...] input, got " + ctx.inputShape(0));
        }
        long[] spatial = java.util.Arrays.copyOfRange(x, 2, x.length);
        int[] kernel = new int[spatial.length];
        long[] k = ctx.attrInts("kernel_shape");
        for (int i = 0; i < kernel.length; i++) {
            if (!global(ctx) && (k == null || k.length != kernel.length)) {
                throw ctx.error("kernel_shape must have " + kernel.length + " entries");
            }
            kernel[i] = (int) (global(ctx) ? spatial[i] : k[i]);
        }
        if (global(ctx)) {
            return new Windows(kernel, ones(kernel.length), ones(kernel.length), new int[kernel.length],
                    new int[kernel.length], onesL(kernel.length));
        }
        return Windows.of(ctx, spatial, kernel, ctx.attrInt("ceil_mode", 0) != 0);
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    private static long[] onesL(int n) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    private static Shape shape(OpContext ctx) {
        if (ctx.node().outputs().size() > 1 && !ctx.node().outputs().get(1).isEmpty()) {
            throw ctx.unsupported("MaxPool Indices output");
        }
        long[] x = ctx.inputShape(0).dims();
        Windows w = windows(ctx);
        long[] out = x.clone();
        System.arraycopy(w.out(), 0, out, 2, w.out().length);
        return Shape.of(out);
    }

    private static void pool(OpContext ctx) {
        Windows w = windows(ctx);
        String op = ctx.node().opType();
        String kind = op.contains("Max") ? "max" : op.contains("Lp") ? "lp" : "avg";
        ctx.emit(AtomicOp.POOL, new Params.Pool(kind, w.kernel(), w.strides(), w.padsBegin(), w.padsEnd(), w.dilations(),
                ctx.attrInt("count_include_pad", 0) != 0, (int) ctx.attrInt("p", 2)), List.of(ctx.in(0)),
                List.of(ctx.out(0)));
    }
}
