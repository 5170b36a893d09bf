package org.walle.engine.opencl.backend;

import java.util.EnumSet;
import java.util.Set;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Half;

/**
 * UNARY, BINARY (operands of the output's size, or one of them repeated), SELECT (operands of the output's size) and
 * RASTER (fill plus region copies). Arithmetic is float32; comparisons write bool; logic works on bools; rasters and
 * selects move any dtype by element width.
 */
final class ElementwiseLowering {

    /** Float-to-float functions backend.cl implements. */
    static final Set<UnaryKind> UNARY = EnumSet.complementOf(EnumSet.of(UnaryKind.NOT, UnaryKind.BITWISE_NOT,
            UnaryKind.IS_NAN, UnaryKind.IS_INF, UnaryKind.CAST));
    /** Float arithmetic. */
    static final Set<BinaryKind> BINARY = EnumSet.of(BinaryKind.ADD, BinaryKind.SUB, BinaryKind.MUL, BinaryKind.DIV,
            BinaryKind.POW, BinaryKind.MAX, BinaryKind.MIN, BinaryKind.MOD, BinaryKind.FMOD, BinaryKind.PRELU);
    /** Float comparisons writing bool. */
    static final Set<BinaryKind> COMPARE = EnumSet.of(BinaryKind.EQUAL, BinaryKind.LESS, BinaryKind.LESS_EQUAL,
            BinaryKind.GREATER, BinaryKind.GREATER_EQUAL);
    /** Bool logic. */
    static final Set<BinaryKind> LOGIC = EnumSet.of(BinaryKind.AND, BinaryKind.OR, BinaryKind.XOR);

    private ElementwiseLowering() {
    }

    static Lowered unary(Command c, DeviceKernels k) throws NotOnDevice {
        Params.Unary p = (Params.Unary) c.params();
        int n = Lowering.sameSize(c);
        if (UNARY.contains(p.kind())) {
            types(c, DType.FLOAT32, DType.FLOAT32);
            String kernel = "unary_" + p.kind().name();
            return new Lowered((in, out) -> k.launch(kernel, new long[] {n}, null, in[0].need(n), out[0].need(n),
                    p.alpha(), p.beta(), n), "elementwise", 1);
        }
        if (p.kind() == UnaryKind.NOT) {
            types(c, DType.BOOL, DType.BOOL);
            return new Lowered((in, out) -> k.launch("logic_not", new long[] {n}, null, in[0].need(n),
                    out[0].need(n), n), "elementwise", 1);
        }
        if (p.kind() == UnaryKind.IS_NAN || p.kind() == UnaryKind.IS_INF) {
            types(c, DType.FLOAT32, DType.BOOL);
            int mode = p.kind() == UnaryKind.IS_NAN ? 0 : 1;
            int pos = p.alpha() != 0 ? 1 : 0;
            int neg = p.beta() != 0 ? 1 : 0;
            return new Lowered((in, out) -> k.launch("is_special", new long[] {n}, null, in[0].need(n),
                    out[0].need(n), mode, pos, neg, n), "elementwise", 1);
        }
        throw new NotOnDevice("no OpenCL kernel for UNARY " + p.kind());
    }

    static Lowered binary(Command c, DeviceKernels k) throws NotOnDevice {
        Params.Binary p = (Params.Binary) c.params();
        BinaryKind kind = p.kind();
        int n = c.outputs().get(0).elements();
        for (int i = 0; i < 2; i++) {
            Lowering.size(c.inputs().get(i), p.operandSize(i, n), "BINARY operand " + i);
        }
        String kernel;
        if (BINARY.contains(kind)) {
            types(c, DType.FLOAT32, DType.FLOAT32);
            kernel = "binary_" + kind.name();
        } else if (COMPARE.contains(kind)) {
            types(c, DType.FLOAT32, DType.BOOL);
            kernel = "compare_" + kind.name();
        } else if (LOGIC.contains(kind)) {
            types(c, DType.BOOL, DType.BOOL);
            kernel = "logic_" + kind.name();
        } else {
            throw new NotOnDevice("no OpenCL kernel for BINARY " + kind);
        }
        // per operand: (inner, mid) of a repeated operand, (1, 0) for one of the output's size
        Params.Broadcast bc = p.broadcast();
        int[] inner = {1, 1};
        int[] mid = {0, 0};
        if (bc != null) {
            inner[bc.operand()] = bc.inner();
            mid[bc.operand()] = bc.mid();
        }
        int na = p.operandSize(0, n);
        int nb = p.operandSize(1, n);
        return new Lowered((in, out) -> k.launch(kernel, new long[] {n}, null, in[0].need(na), inner[0], mid[0],
                in[1].need(nb), inner[1], mid[1], out[0].need(n), n), "elementwise", 1);
    }

    /** {@code out = cond ? a : b}: a bool condition, a, b and out of one dtype moved by width. */
    static Lowered select(Command c, DeviceKernels k) throws NotOnDevice {
        int n = Lowering.sameSize(c);
        DType cond = c.inputs().get(0).dtype();
        DType value = c.outputs().get(0).dtype();
        if (cond != DType.BOOL || c.inputs().get(1).dtype() != value || c.inputs().get(2).dtype() != value) {
            throw new NotOnDevice("SELECT needs a bool condition and values of one dtype, got " + cond + ", "
                    + c.inputs().get(1).dtype() + ", " + c.inputs().get(2).dtype() + " -> " + value);
        }
        String kernel = "select_b" + value.byteSize();
        return new Lowered((in, out) -> k.launch(kernel, new long[] {n}, null, in[0].need(n), in[1].need(n),
                in[2].need(n), out[0].need(n), n), "select", 1);
    }

    static Lowered raster(Command c, DeviceKernels k) throws NotOnDevice {
        Params.Raster p = (Params.Raster) c.params();
        Lowering.distinctStorage(c);
        PlanTensor y = c.outputs().get(0);
        for (PlanTensor t : c.inputs()) {
            if (t.dtype() != y.dtype()) {
                throw new NotOnDevice("RASTER source " + t + " and destination " + y + " differ in dtype");
            }
        }
        int n = y.elements();
        for (var r : p.regions()) {
            if (r.source() < 0 || r.source() >= c.inputs().size()) {
                throw new NotOnDevice("RASTER region reads source #" + r.source() + " of " + c.inputs().size());
            }
        }
        int width = y.dtype().byteSize();
        Object fill = p.fill() == null ? null : fillBits(y.dtype(), p.fill());
        long launches = p.regions().size() + (fill == null ? 0 : 1);
        return new Lowered((in, out) -> {
            if (fill != null) {
                k.launch("fill_b" + width, new long[] {n}, null, out[0].need(n), fill, n);
            }
            for (var r : p.regions()) {
                int[] size = r.size();
                if (r.elements() == 0) {
                    continue;
                }
                Arg src = reach(in[r.source()], r.src(), size);
                Arg dst = reach(out[0], r.dst(), size);
                int[] ss = r.src().stride();
                int[] ds = r.dst().stride();
                k.launch("raster_b" + width, new long[] {size[2], size[1], size[0]}, null, src.buffer(),
                        src.offset() + r.src().offset(), ss[0], ss[1], ss[2], dst.buffer(),
                        dst.offset() + r.dst().offset(), ds[0], ds[1], ds[2], size[0], size[1], size[2]);
            }
        }, "raster", Math.max(1, launches));
    }

    /** The fill value as the element's bit pattern, converted as the reference's {@code Data.setConverted}. */
    static Object fillBits(DType dtype, double v) {
        return switch (dtype) {
            case FLOAT32 -> Float.floatToRawIntBits((float) v);
            case FLOAT16 -> Half.fromFloat((float) v) & 0xFFFF;
            case BOOL -> v != 0 ? 1 : 0;
            case INT8, UINT8 -> (int) (long) v & 0xFF;
            case INT32 -> (int) (long) v;
            case INT64 -> (long) v;
        };
    }

    private static void types(Command c, DType in, DType out) throws NotOnDevice {
        for (PlanTensor t : c.inputs()) {
            if (t.dtype() != in) {
                throw new NotOnDevice(c.op() + " " + c.params() + " runs on OpenCL for " + in + " inputs; "
                        + t.name() + " is " + t.dtype());
            }
        }
        for (PlanTensor t : c.outputs()) {
            if (t.dtype() != out) {
                throw new NotOnDevice(c.op() + " " + c.params() + " runs on OpenCL for " + out + " outputs; "
                        + t.name() + " is " + t.dtype());
            }
        }
    }

    /** Checks the lowest and highest element a view reaches over {@code size} against the operand's buffer. */
    private static Arg reach(Arg a, org.walle.engine.decompose.View v, int[] size) {
        long min = v.offset();
        long max = v.offset();
        int[] stride = v.stride();
        for (int d = 0; d < 3; d++) {
            long span = (long) stride[d] * (size[d] - 1);
            min += Math.min(0, span);
            max += Math.max(0, span);
        }
        return a.needRange(min, max);
    }
}
