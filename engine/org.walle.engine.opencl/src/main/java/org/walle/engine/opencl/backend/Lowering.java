package org.walle.engine.opencl.backend;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.tensor.DType;

/**
 * Turns one atomic command into device launches, or says in words why this backend cannot run it (the runtime then
 * runs it on the CPU and copies around it). Arithmetic is float32; rasters, selects, comparisons and bool logic
 * also handle the other dtypes they produce or move.
 */
final class Lowering {

    /** The atomic ops with kernels here (some kinds of them are still declined, with the reason). */
    static final Set<AtomicOp> SUPPORTED = EnumSet.of(AtomicOp.RASTER, AtomicOp.UNARY, AtomicOp.BINARY,
            AtomicOp.SELECT, AtomicOp.MATMUL, AtomicOp.CONV, AtomicOp.CONV_DEPTHWISE, AtomicOp.REDUCE, AtomicOp.SOFTMAX,
            AtomicOp.LAYER_NORM, AtomicOp.POOL, AtomicOp.LOOP);

    private Lowering() {
    }

    /** The ways this backend can run the command (at least one), or NotOnDevice with the reason. */
    static List<Lowered> lower(Command c, DeviceKernels k, DeviceMemory memory) throws NotOnDevice {
        if (!SUPPORTED.contains(c.op())) {
            throw new NotOnDevice("no OpenCL kernel for " + c.op());
        }
        return switch (c.op()) {
            case RASTER -> List.of(ElementwiseLowering.raster(c, k));
            case UNARY -> List.of(ElementwiseLowering.unary(c, k));
            case BINARY -> List.of(ElementwiseLowering.binary(c, k));
            case SELECT -> List.of(ElementwiseLowering.select(c, k));
            case LOOP -> loop(c, k, memory);
            default -> arithmetic(c, k, memory);
        };
    }

    /** The float32-only kernels: linear algebra, convolution, reductions, normalisation, pooling. */
    private static List<Lowered> arithmetic(Command c, DeviceKernels k, DeviceMemory memory) throws NotOnDevice {
        float32Only(c.inputs(), c);
        float32Only(c.outputs(), c);
        return switch (c.op()) {
            case MATMUL -> DenseLowering.matMul(c, k);
            case CONV, CONV_DEPTHWISE -> ConvLowering.conv(c, k, memory);
            case REDUCE -> List.of(NormLowering.reduce(c, k));
            case SOFTMAX -> List.of(NormLowering.softmax(c, k));
            case LAYER_NORM -> List.of(NormLowering.layerNorm(c, k));
            case POOL -> List.of(PoolLowering.pool(c, k));
            default -> throw new NotOnDevice("no OpenCL kernel for " + c.op());
        };
    }

    /**
     * A LOOP whose body runs here and whose operands move by fixed strides or tables (batched MatMul, per-slice
     * ops): the body's launches are queued once per iteration on shifted operands. Index-driven steps would need
     * the index values on the host, so those loops stay on the CPU.
     */
    private static List<Lowered> loop(Command c, DeviceKernels k, DeviceMemory memory) throws NotOnDevice {
        Params.Loop p = (Params.Loop) c.params();
        for (Params.Step s : p.steps()) {
            if (s.indexInput() >= 0) {
                throw new NotOnDevice("LOOP steps driven by an index tensor are not run on OpenCL");
            }
            if (s.table() != null && s.table().length < p.count()) {
                throw new NotOnDevice("LOOP offset table has " + s.table().length + " entries for " + p.count()
                        + " iterations");
            }
        }
        Command body = p.body();
        int bodyIn = body.inputs().size();
        int bodyOut = body.outputs().size();
        if (p.steps().size() != bodyIn + bodyOut || c.inputs().size() != bodyIn || c.outputs().size() != bodyOut) {
            throw new NotOnDevice("LOOP operands do not match its body " + body.op());
        }
        for (int j = 0; j < bodyIn + bodyOut; j++) {
            PlanTensor outer = j < bodyIn ? c.inputs().get(j) : c.outputs().get(j - bodyIn);
            PlanTensor inner = j < bodyIn ? body.inputs().get(j) : body.outputs().get(j - bodyIn);
            if (outer.dtype() != inner.dtype()) {
                throw new NotOnDevice("LOOP operand " + outer + " differs in dtype from its body's " + inner);
            }
        }
        distinctStorage(c);
        List<Lowered> ways = new ArrayList<>();
        for (Lowered inner : lower(body, k, memory)) {
            ways.add(repeat(inner, p, bodyIn, bodyOut));
        }
        return ways;
    }

    private static Lowered repeat(Lowered inner, Params.Loop p, int bodyIn, int bodyOut) {
        List<Params.Step> steps = p.steps();
        int count = p.count();
        return new Lowered((in, out) -> {
            Arg[] bi = new Arg[bodyIn];
            Arg[] bo = new Arg[bodyOut];
            for (int it = 0; it < count; it++) {
                for (int j = 0; j < bodyIn; j++) {
                    bi[j] = in[j].shift(offset(steps.get(j), it));
                }
                for (int j = 0; j < bodyOut; j++) {
                    bo[j] = out[j].shift(offset(steps.get(bodyIn + j), it));
                }
                inner.op().enqueue(bi, bo);
            }
        }, "loop " + count + "x " + inner.algorithm(), Math.max(1, count * inner.launches()), inner.rate());
    }

    private static int offset(Params.Step s, int iteration) {
        return s.table() != null ? s.table()[iteration] : Math.multiplyExact(iteration, s.stride());
    }

    private static void float32Only(List<PlanTensor> tensors, Command c) throws NotOnDevice {
        for (PlanTensor t : tensors) {
            if (t.dtype() != DType.FLOAT32) {
                throw new NotOnDevice("OpenCL runs float32 only; " + c.op() + " operand " + t.name() + " is "
                        + t.dtype());
            }
        }
    }

    /** The element count all operands of an element-wise command share. */
    static int sameSize(Command c) throws NotOnDevice {
        int n = c.outputs().get(0).elements();
        for (PlanTensor t : c.inputs()) {
            if (t.elements() != n) {
                throw new NotOnDevice(c.op() + " operand " + t + " differs in size from the output (" + n + ")");
            }
        }
        return n;
    }

    static void size(PlanTensor t, long elements, String what) throws NotOnDevice {
        if (t.elements() != elements) {
            throw new NotOnDevice(what + " " + t + " holds " + t.elements() + " values, the command needs " + elements);
        }
    }

    /**
     * Work-items of one launch read while others write, so a command whose output shares storage with an input
     * (possible through aliases) would race on the device; the CPU runs those in order.
     */
    static void distinctStorage(Command c) throws NotOnDevice {
        for (PlanTensor out : c.outputs()) {
            for (PlanTensor in : c.inputs()) {
                if (in.storageOwner() == out.storageOwner()) {
                    throw new NotOnDevice(c.op() + " writes the storage it reads (" + in.name() + ")");
                }
            }
        }
    }
}
