package org.walle.engine.opencl.backend;

import java.util.EnumSet;
import java.util.Set;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.ReduceKind;

/** REDUCE (sum, mean, max, min, prod), SOFTMAX (softmax, log, hard) and LAYER_NORM. */
final class NormLowering {

    /** Float reductions with kernels; ARGMAX/ARGMIN write int64 indices and stay on the CPU. */
    static final Set<ReduceKind> REDUCE = EnumSet.of(ReduceKind.SUM, ReduceKind.MEAN, ReduceKind.MAX, ReduceKind.MIN,
            ReduceKind.PROD);

    private NormLowering() {
    }

    static Lowered reduce(Command c, DeviceKernels k) throws NotOnDevice {
        Params.Reduce p = (Params.Reduce) c.params();
        if (!REDUCE.contains(p.kind())) {
            throw new NotOnDevice("no OpenCL kernel for REDUCE " + p.kind() + " (int64 indices)");
        }
        long total = (long) p.outer() * p.axis() * p.inner();
        int rows = Math.multiplyExact(p.outer(), p.inner());
        Lowering.size(c.inputs().get(0), total, "REDUCE input");
        Lowering.size(c.outputs().get(0), rows, "REDUCE output");
        String kind = p.kind().name();
        if (p.inner() == 1) {
            int rwg = DeviceKernels.RWG;
            return new Lowered((in, out) -> k.launch("reduce_rows_" + kind, new long[] {(long) p.outer() * rwg},
                    new long[] {rwg}, in[0].need(total), out[0].need(rows), p.axis()), "reduce-rows", 1);
        }
        return new Lowered((in, out) -> k.launch("reduce_strided_" + kind, new long[] {rows}, null,
                in[0].need(total), out[0].need(rows), p.axis(), p.inner(), rows), "reduce-strided", 1);
    }

    static Lowered softmax(Command c, DeviceKernels k) throws NotOnDevice {
        Params.Softmax p = (Params.Softmax) c.params();
        int mode = switch (p.mode()) {
            case "softmax" -> 0;
            case "log" -> 1;
            case "hard" -> 2;
            default -> throw new NotOnDevice("no OpenCL kernel for softmax mode " + p.mode());
        };
        long total = (long) p.outer() * p.axis() * p.inner();
        int columns = Math.multiplyExact(p.outer(), p.inner());
        Lowering.size(c.inputs().get(0), total, "SOFTMAX input");
        Lowering.size(c.outputs().get(0), total, "SOFTMAX output");
        return new Lowered((in, out) -> k.launch("softmax", new long[] {columns}, null, in[0].need(total),
                out[0].need(total), p.axis(), p.inner(), columns, mode), "softmax-columns", 1);
    }

    static Lowered layerNorm(Command c, DeviceKernels k) throws NotOnDevice {
        Params.LayerNorm p = (Params.LayerNorm) c.params();
        long total = (long) p.outer() * p.inner();
        Lowering.size(c.inputs().get(0), total, "LAYER_NORM input");
        Lowering.size(c.inputs().get(1), p.inner(), "LAYER_NORM scale");
        boolean bias = c.inputs().size() > 2;
        if (bias) {
            Lowering.size(c.inputs().get(2), p.inner(), "LAYER_NORM bias");
        }
        Lowering.size(c.outputs().get(0), total, "LAYER_NORM output");
        int outputs = c.outputs().size();
        for (int i = 1; i < outputs; i++) {
            Lowering.size(c.outputs().get(i), p.outer(), "LAYER_NORM statistics");
        }
        int stats = (outputs > 1 ? 1 : 0) | (outputs > 2 ? 2 : 0);
        int outer = p.outer();
        return new Lowered((in, out) -> {
            Arg mean = outputs > 1 ? out[1].need(outer) : out[0];
            Arg inv = outputs > 2 ? out[2].need(outer) : out[0];
            k.launch("layer_norm", new long[] {outer}, null, in[0].need(total), in[1].need(p.inner()),
                    bias ? in[2].need(p.inner()) : in[1], bias, out[0].need(total), mean, inv, stats, p.inner(),
                    p.epsilon(), outer);
        }, "layer-norm-rows", 1);
    }
}
