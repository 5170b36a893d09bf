package org.walle.engine.ops.internal;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.View;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/**
 * RNN, GRU and LSTM unrolled at resize (the sequence length is known then): one MATMUL for all input projections,
 * then per step a MATMUL against the recurrent weights and UNARY/BINARY gate arithmetic on column views. Y is one
 * virtual tensor with a region per (step, direction), so it materialises in a single Raster. LSTM peepholes add
 * P * c terms to the i, f (previous cell) and o (new cell) gates; layout 1 runs on transposed views.
 */
final class RecurrentOps {
    private RecurrentOps() {
    }

    static void register(OpRegistry r) {
        // sequence_lens (input 4) is read by value: lengths equal to the sequence are fine, shorter ones refused
        r.register(OpDef.of("RNN", ctx -> shape(ctx, false), ctx -> unroll(ctx, 1), 4));
        r.register(OpDef.of("GRU", ctx -> shape(ctx, false), ctx -> unroll(ctx, 3), 4));
        r.register(OpDef.of("LSTM", ctx -> shape(ctx, true), ctx -> unroll(ctx, 4), 4));
    }

    private static List<TensorType> shape(OpContext ctx, boolean cell) {
        long[] x = ctx.inputShape(0).dims();
        boolean batchFirst = batchFirst(ctx);
        if (x.length != 3) {
            throw ctx.error("X must be " + (batchFirst ? "[batch, seq, input]" : "[seq, batch, input]") + ", got "
                    + ctx.inputShape(0));
        }
        long seq = batchFirst ? x[1] : x[0];
        long batch = batchFirst ? x[0] : x[1];
        long h = ctx.attrInt("hidden_size", ctx.inputShape(2).get(2));
        long dirs = ctx.attrString("direction", "forward").equals("bidirectional") ? 2 : 1;
        DType t = ctx.inputType(0).dtype();
        TensorType state = new TensorType(t, batchFirst ? Shape.of(batch, dirs, h) : Shape.of(dirs, batch, h));
        TensorType y = new TensorType(t, batchFirst ? Shape.of(batch, seq, dirs, h) : Shape.of(seq, dirs, batch, h));
        List<TensorType> out = new ArrayList<>(List.of(y, state));
        if (cell) {
            out.add(state);
        }
        return out;
    }

    /** layout 1 (opset 14+): X, Y, and the states are batch-major; the math runs seq-major on transposed views. */
    private static boolean batchFirst(OpContext ctx) {
        long layout = ctx.attrInt("layout", 0);
        if (layout != 0 && layout != 1) {
            throw ctx.error("layout must be 0 or 1, got " + layout);
        }
        return layout == 1;
    }

    private static void refuseVariants(OpContext ctx) {
        if (ctx.hasAttr("activations") || ctx.hasAttr("clip") || ctx.attrInt("input_forget", 0) != 0) {
            throw ctx.unsupported("custom activations, clip and input_forget");
        }
        if (ctx.hasInput(4)) {
            long seq = ctx.inputShape(0).get(batchFirst(ctx) ? 1 : 0);
            Object v = ctx.valueOrNull(4);
            if (v == null || java.util.Arrays.stream(ctx.longs(4)).anyMatch(l -> l != seq)) {
                throw ctx.unsupported("sequence_lens shorter than the sequence");
            }
        }
    }

    /** Rows [from, from + rows) of a row-major matrix with {@code cols} columns, as a view. */
    private static PlanTensor rows(OpContext ctx, PlanTensor t, long from, long count, long cols) {
        List<Region> r = List.of(Region.of(0, View.of(Math.toIntExact(from * cols), 0, 0, 1), View.of(0, 0, 0, 1), 1, 1,
                Math.toIntExact(count * cols)));
        return ctx.view(t.dtype(), Shape.of(count, cols), List.of(t), r, null);
    }

    /** Columns [from, from + width) of a [rows, cols] matrix, as a view. */
    private static PlanTensor cols(OpContext ctx, PlanTensor t, long from, long width) {
        long rowsN = t.shape().get(0);
        long colsN = t.shape().get(1);
        List<Region> r = List.of(Region.of(0, View.of(Math.toIntExact(from), 0, Math.toIntExact(colsN), 1),
                View.of(0, 0, Math.toIntExact(width), 1), 1, Math.toIntExact(rowsN), Math.toIntExact(width)));
        return ctx.view(t.dtype(), Shape.of(rowsN, width), List.of(t), r, null);
    }

    private static PlanTensor matMulT(OpContext ctx, PlanTensor a, PlanTensor bT, PlanTensor bias) {
        long m = a.shape().get(0);
        long n = bT.shape().get(0);
        PlanTensor out = ctx.temp(a.dtype(), Shape.of(m, n));
        List<PlanTensor> in = new ArrayList<>(List.of(a, bT));
        if (bias != null) {
            in.add(Emit.broadcastTo(ctx, Emit.reshape(ctx, bias, Shape.of(1, n)), Shape.of(m, n)));
        }
        ctx.emit(AtomicOp.MATMUL, new Params.MatMul((int) m, (int) n, (int) a.shape().get(1), false, true, 1f, 1f), in,
                List.of(out));
        return out;
    }

    private static void unroll(OpContext ctx, int gates) {
        refuseVariants(ctx);
        boolean batchFirst = batchFirst(ctx);
        int[] swap01 = {1, 0, 2};
        PlanTensor x = batchFirst ? Emit.transpose(ctx, ctx.in(0), swap01) : ctx.in(0);
        PlanTensor initH = !ctx.hasInput(5) ? null : batchFirst ? Emit.transpose(ctx, ctx.in(5), swap01) : ctx.in(5);
        PlanTensor initC = gates != 4 || !ctx.hasInput(6) ? null
                : batchFirst ? Emit.transpose(ctx, ctx.in(6), swap01) : ctx.in(6);
        long[] xd = x.shape().dims();
        long seq = xd[0];
        long batch = xd[1];
        long input = xd[2];
        long dirs = ctx.attrString("direction", "forward").equals("bidirectional") ? 2 : 1;
        long h = ctx.outputType(1).shape().get(2);
        Shape yShape = Shape.of(seq, dirs, batch, h);
        long gh = gates * h;
        DType f = x.dtype();
        String direction = ctx.attrString("direction", "forward");
        boolean lbr = ctx.attrInt("linear_before_reset", 0) != 0;
        PlanTensor flatX = Emit.reshape(ctx, x, Shape.of(seq * batch, input));
        List<PlanTensor> stepOutputs = new ArrayList<>();
        List<Region> yRegions = new ArrayList<>();
        List<PlanTensor> lastH = new ArrayList<>();
        List<PlanTensor> lastC = new ArrayList<>();
        for (int d = 0; d < dirs; d++) {
            PlanTensor w = rows(ctx, ctx.in(1), d * gh, gh, input);
            PlanTensor rAll = rows(ctx, ctx.in(2), d * gh, gh, h);
            PlanTensor wb = ctx.hasInput(3) ? rows(ctx, ctx.in(3), d * 2L, 1, gh) : null;
            PlanTensor rb = ctx.hasInput(3) ? rows(ctx, Emit.reshape(ctx, ctx.in(3), Shape.of(dirs * 2, gh)), d * 2L + 1, 1, gh) : null;
            PlanTensor xw = matMulT(ctx, flatX, w, wb == null ? null : Emit.reshape(ctx, wb, Shape.of(gh)));
            PlanTensor hPrev = initH != null ? rows(ctx, initH, d * batch, batch, h)
                    : ctx.constant(Values.filled(f, Shape.of(batch, h), 0));
            PlanTensor cPrev = initC != null ? rows(ctx, initC, d * batch, batch, h)
                    : ctx.constant(Values.filled(f, Shape.of(batch, h), 0));
            PlanTensor[] peep = gates == 4 && ctx.hasInput(7) ? peepholes(ctx, ctx.in(7), d, batch, h) : null;
            boolean reverse = direction.equals("reverse") || d == 1;
            for (int step = 0; step < seq; step++) {
                long t = reverse ? seq - 1 - step : step;
                PlanTensor xt = rows(ctx, xw, t * batch, batch, gh);
                PlanTensor hr = matMulT(ctx, hPrev, rAll, rb == null ? null : Emit.reshape(ctx, rb, Shape.of(gh)));
                PlanTensor[] next = cell(ctx, gates, lbr, xt, hr, hPrev, cPrev, rAll, rb, h, peep);
                hPrev = next[0];
                cPrev = next[1];
                stepOutputs.add(hPrev);
                yRegions.add(Region.of(stepOutputs.size() - 1, View.of(0, 0, 0, 1),
                        View.of(Math.toIntExact((t * dirs + d) * batch * h), 0, 0, 1), 1, 1, Math.toIntExact(batch * h)));
            }
            lastH.add(hPrev);
            lastC.add(cPrev);
        }
        Shape stateShape = Shape.of(dirs, batch, h);
        PlanTensor y = ctx.view(f, yShape, stepOutputs, yRegions, null);
        PlanTensor yh = stack(ctx, lastH, stateShape);
        PlanTensor yc = gates == 4 ? stack(ctx, lastC, stateShape) : null;
        if (batchFirst) {
            y = Emit.transpose(ctx, y, new int[] {2, 0, 1, 3});
            yh = Emit.transpose(ctx, yh, swap01);
            yc = yc == null ? null : Emit.transpose(ctx, yc, swap01);
        }
        setIfWanted(ctx, 0, y);
        setIfWanted(ctx, 1, yh);
        if (gates == 4) {
            setIfWanted(ctx, 2, yc);
        }
    }

    /** Direction d's peephole weights P[d] = [Pi | Po | Pf], each broadcast to [batch, h]. */
    private static PlanTensor[] peepholes(OpContext ctx, PlanTensor p, int d, long batch, long h) {
        PlanTensor row = rows(ctx, p, d, 1, 3 * h);
        PlanTensor[] out = new PlanTensor[3];
        for (int k = 0; k < 3; k++) {
            out[k] = Emit.broadcastTo(ctx, cols(ctx, row, k * h, h), Shape.of(batch, h));
        }
        return out;
    }

    private static void setIfWanted(OpContext ctx, int i, PlanTensor t) {
        if (i < ctx.node().outputs().size() && !ctx.node().outputs().get(i).isEmpty()) {
            ctx.setOutput(i, t);
        }
    }

    private static PlanTensor stack(OpContext ctx, List<PlanTensor> parts, Shape shape) {
        List<Region> r = new ArrayList<>();
        int each = parts.get(0).elements();
        for (int i = 0; i < parts.size(); i++) {
            r.add(Region.of(i, View.of(0, 0, 0, 1), View.of(i * each, 0, 0, 1), 1, 1, each));
        }
        return ctx.view(parts.get(0).dtype(), shape, parts, r, null);
    }

    /** A gate's pre-activation plus its peephole term P ⊙ c, or unchanged without peepholes. */
    private static PlanTensor peep(OpContext ctx, PlanTensor gate, PlanTensor[] peep, int k, PlanTensor c) {
        if (peep == null) {
            return gate;
        }
        DType f = gate.dtype();
        return Emit.binary(ctx, BinaryKind.ADD, gate, Emit.binary(ctx, BinaryKind.MUL, peep[k], c, f), f);
    }

    /** One step: returns the new hidden state and (LSTM) cell state. Gate orders are ONNX's: zrh, iofc. */
    private static PlanTensor[] cell(OpContext ctx, int gates, boolean lbr, PlanTensor xt, PlanTensor hr, PlanTensor hPrev,
            PlanTensor cPrev, PlanTensor rAll, PlanTensor rb, long h, PlanTensor[] peep) {
        DType f = xt.dtype();
        if (gates == 1) {
            return new PlanTensor[] {Emit.unary(ctx, Emit.binary(ctx, BinaryKind.ADD, xt, hr, f), UnaryKind.TANH), cPrev};
        }
        if (gates == 4) {
            PlanTensor g = Emit.binary(ctx, BinaryKind.ADD, xt, hr, f);
            // peepholes: i and f also see the previous cell state, o the new one
            PlanTensor i = Emit.unary(ctx, peep(ctx, cols(ctx, g, 0, h), peep, 0, cPrev), UnaryKind.SIGMOID);
            PlanTensor fg = Emit.unary(ctx, peep(ctx, cols(ctx, g, 2 * h, h), peep, 2, cPrev), UnaryKind.SIGMOID);
            PlanTensor c = Emit.unary(ctx, cols(ctx, g, 3 * h, h), UnaryKind.TANH);
            PlanTensor cNew = Emit.binary(ctx, BinaryKind.ADD, Emit.binary(ctx, BinaryKind.MUL, fg, cPrev, f),
                    Emit.binary(ctx, BinaryKind.MUL, i, c, f), f);
            PlanTensor o = Emit.unary(ctx, peep(ctx, cols(ctx, g, h, h), peep, 1, cNew), UnaryKind.SIGMOID);
            PlanTensor hNew = Emit.binary(ctx, BinaryKind.MUL, o, Emit.unary(ctx, cNew, UnaryKind.TANH), f);
            return new PlanTensor[] {hNew, cNew};
        }
        PlanTensor z = Emit.unary(ctx, Emit.binary(ctx, BinaryKind.ADD, cols(ctx, xt, 0, h), cols(ctx, hr, 0, h), f),
                UnaryKind.SIGMOID);
        PlanTensor r = Emit.unary(ctx, Emit.binary(ctx, BinaryKind.ADD, cols(ctx, xt, h, h), cols(ctx, hr, h, h), f),
                UnaryKind.SIGMOID);
        PlanTensor recurrent;
        if (lbr) {
            recurrent = Emit.binary(ctx, BinaryKind.MUL, r, cols(ctx, hr, 2 * h, h), f);
        } else {
            PlanTensor rh = rows(ctx, rAll, 2 * h, h, h);
            PlanTensor bias = rb == null ? null : Emit.reshape(ctx, cols(ctx, rb, 2 * h, h), Shape.of(h));
            recurrent = matMulT(ctx, Emit.binary(ctx, BinaryKind.MUL, r, hPrev, f), rh, bias);
        }
        PlanTensor cand = Emit.unary(ctx, Emit.binary(ctx, BinaryKind.ADD, cols(ctx, xt, 2 * h, h), recurrent, f),
                UnaryKind.TANH);
        // H = (1 - z) * cand + z * H = cand + z * (H - cand)
        PlanTensor hNew = Emit.binary(ctx, BinaryKind.ADD, cand,
                Emit.binary(ctx, BinaryKind.MUL, z, Emit.binary(ctx, BinaryKind.SUB, hPrev, cand, f), f), f);
        return new PlanTensor[] {hNew, cPrev};
    }
}
