package org.walle.engine.ops.internal;

import org.walle.engine.ops.OpRegistry;

/** Registers every built-in op family; each family class names its ops, shape functions and decompositions. */
public final class BuiltinOps {
    private BuiltinOps() {
    }

    public static void registerAll(OpRegistry r) {
        ElementwiseOps.register(r);
        ReshapeOps.register(r);
        SliceOps.register(r);
        CopyOps.register(r);
        ConstantOps.register(r);
        ReduceOps.register(r);
        MatMulOps.register(r);
        ConvOps.register(r);
        PoolOps.register(r);
        NormOps.register(r);
        ResizeOps.register(r);
        IndexOps.register(r);
        LossOps.register(r);
        EncodingOps.register(r);
        SignalOps.register(r);
        StatsOps.register(r);
        RecurrentOps.register(r);
        ControlFlowOps.register(r);
        LoopOps.register(r);
        ScanOps.register(r);
    }
}
