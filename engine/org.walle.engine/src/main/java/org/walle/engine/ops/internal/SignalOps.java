package org.walle.engine.ops.internal;

import java.util.List;

import org.walle.engine.backend.ref.Data;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Window functions: their size is known at resize, so they are constants (cosine sums, as ONNX defines them). */
final class SignalOps {
    private SignalOps() {
    }

    static void register(OpRegistry r) {
        r.register(window("HannWindow", new double[] {0.5, -0.5, 0}));
        r.register(window("HammingWindow", new double[] {25.0 / 46, -21.0 / 46, 0}));
        r.register(window("BlackmanWindow", new double[] {0.42, -0.5, 0.08}));
    }

    private static OpDef window(String name, double[] a) {
        return OpDef.of(name, ctx -> List.of(new TensorType(type(ctx), Shape.of(size(ctx)))),
                ctx -> ctx.setOutput(0, ctx.constant(values(ctx, a))), 0);
    }

    private static long size(OpContext ctx) {
        long n = ctx.value(0).getLong(0);
        if (n < 0) {
            throw ctx.error("window size " + n);
        }
        return n;
    }

    private static DType type(OpContext ctx) {
        DType t = OnnxTypes.dtype(ctx.attrInt("output_datatype", 1));
        if (t == null) {
            throw ctx.unsupported("output_datatype " + ctx.attrInt("output_datatype", 1));
        }
        return t;
    }

    private static Tensor values(OpContext ctx, double[] a) {
        int n = (int) size(ctx);
        boolean periodic = ctx.attrInt("periodic", 1) != 0;
        double denom = periodic ? n : n - 1;
        Tensor t = Tensor.zeros(type(ctx), Shape.of(n));
        Data d = Data.of(t);
        for (int i = 0; i < n; i++) {
            double x = 2 * Math.PI * i / denom;
            d.setConverted(i, a[0] + a[1] * Math.cos(x) + a[2] * Math.cos(2 * x));
        }
        return t;
    }
}
