package org.walle.engine.ops.internal;

import java.util.List;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.Params.ReduceKind;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/**
 * NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss, composed from existing atomic ops: masks from BINARY
 * comparisons, picks through INDEXED_COPY gathers, sums through REDUCE, no loss kernel.
 */
final class LossOps {
    private LossOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("NegativeLogLikelihoodLoss", LossOps::shape, ctx -> ctx.setOutput(0, nll(ctx, ctx.in(0)))));
        r.register(OpDef.of("SoftmaxCrossEntropyLoss", LossOps::shape, LossOps::softmaxCrossEntropy));
    }

    private static List<TensorType> shape(OpContext ctx) {
        Shape in = ctx.inputShape(0);
        Shape target = ctx.inputShape(1);
        if (in.rank() < 2 || target.rank() != in.rank() - 1) {
            throw ctx.error("input " + in + " and target " + target + " do not fit [N,C,d...] / [N,d...]");
        }
        String reduction = ctx.attrString("reduction", "mean");
        Shape loss = reduction.equals("none") ? target : Shape.scalar();
        return List.of(new TensorType(ctx.inputType(0).dtype(), loss), ctx.inputType(0));
    }

    /** loss[n,d] = -input[n, t[n,d], d] * w[t[n,d]], zero where t is ignore_index; mean divides by the weight sum. */
    private static PlanTensor nll(OpContext ctx, PlanTensor logProb) {
        PlanTensor target = ctx.in(1);
        DType f = logProb.dtype();
        Shape ts = target.shape();
        boolean hasIgnore = ctx.hasAttr("ignore_index");
        PlanTensor safe = target;
        PlanTensor keep = null;
        if (hasIgnore) {
            PlanTensor ignore = Emit.scalar(ctx, target.dtype(), ctx.attrInt("ignore_index", 0));
            PlanTensor isIgnored = Emit.binary(ctx, BinaryKind.EQUAL, target, ignore, DType.BOOL);
            keep = Emit.unary(ctx, isIgnored, UnaryKind.NOT);
            safe = ctx.temp(target.dtype(), ts);
            ctx.emit(AtomicOp.SELECT, new Params.Select(), List.of(keep, target,
                    Emit.broadcastTo(ctx, Emit.scalar(ctx, target.dtype(), 0), ts)), List.of(safe));
        }
        long[] idxDims = logProb.shape().dims();
        idxDims[1] = 1;
        PlanTensor picked = ctx.temp(f, Shape.of(idxDims));
        ctx.emit(AtomicOp.INDEXED_COPY, new Params.IndexedCopy("gather_elements", 1, 0, "none"),
                List.of(logProb, Emit.reshape(ctx, safe, Shape.of(idxDims))), List.of(picked));
        PlanTensor weight = null;
        if (ctx.hasInput(2)) {
            PlanTensor flat = Emit.reshape(ctx, safe, Shape.of(ts.size()));
            PlanTensor w = ctx.temp(f, Shape.of(ts.size()));
            ctx.emit(AtomicOp.INDEXED_COPY, new Params.IndexedCopy("gather_elements", 0, 0, "none"),
                    List.of(ctx.in(2), flat), List.of(w));
            weight = Emit.reshape(ctx, w, ts);
        }
        if (keep != null) {
            PlanTensor k = ctx.temp(f, ts);
            ctx.emit(AtomicOp.UNARY, new Params.Unary(UnaryKind.CAST, 0, 0, f), List.of(keep), List.of(k));
            weight = weight == null ? k : Emit.binary(ctx, BinaryKind.MUL, weight, k, f);
        }
        PlanTensor loss = Emit.unary(ctx, Emit.reshape(ctx, picked, ts), UnaryKind.NEG);
        if (weight != null) {
            loss = Emit.binary(ctx, BinaryKind.MUL, loss, weight, f);
        }
        String reduction = ctx.attrString("reduction", "mean");
        if (reduction.equals("none")) {
            return loss;
        }
        PlanTensor sum = total(ctx, loss);
        if (reduction.equals("sum")) {
            return sum;
        }
        if (!reduction.equals("mean")) {
            throw ctx.unsupported("reduction " + reduction);
        }
        PlanTensor count = weight != null ? total(ctx, weight) : Emit.scalar(ctx, f, ts.size());
        return Emit.binary(ctx, BinaryKind.DIV, sum, count, f);
    }

    private static PlanTensor total(OpContext ctx, PlanTensor t) {
        PlanTensor s = ctx.temp(t.dtype(), Shape.scalar());
        ctx.emit(AtomicOp.REDUCE, new Params.Reduce(ReduceKind.SUM, 1, t.elements(), 1, false), List.of(t), List.of(s));
        return s;
    }

    private static void softmaxCrossEntropy(OpContext ctx) {
        PlanTensor scores = ctx.in(0);
        long[] d = scores.shape().dims();
        PlanTensor logProb = ctx.temp(scores.dtype(), scores.shape());
        ctx.emit(AtomicOp.SOFTMAX, new Params.Softmax("log", (int) d[0], (int) d[1], Emit.product(d, 2, d.length)),
                List.of(scores), List.of(logProb));
        ctx.setOutput(0, nll(ctx, logProb));
        if (ctx.node().outputs().size() > 1 && !ctx.node().outputs().get(1).isEmpty()) {
            ctx.setOutput(1, logProb);
        }
    }
}
