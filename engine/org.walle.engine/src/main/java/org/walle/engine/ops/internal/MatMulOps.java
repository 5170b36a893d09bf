package org.walle.engine.ops.internal;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/**
 * MatMul with NumPy batch broadcasting (one MATMUL when B has no batch, else a LOOP over batches with offset tables)
 * and Gemm (one MATMUL with transposes, alpha, beta and a broadcast bias).
 */
final class MatMulOps {
    private MatMulOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("MatMul", ctx -> List.of(new TensorType(ctx.inputType(0).dtype(), matMulShape(ctx))),
                MatMulOps::matMul));
        r.register(OpDef.of("Gemm", MatMulOps::gemmShape, MatMulOps::gemm));
        r.register(OpDef.of("MatMulInteger", ctx -> List.of(new TensorType(DType.INT32, matMulShape(ctx))),
                ctx -> emitMatMul(ctx, widen(ctx, 0, 2, -2), widen(ctx, 1, 3, -1), ctx.out(0))));
    }

    private static long[] as2dA(long[] a) {
        return a.length == 1 ? new long[] {1, a[0]} : a;
    }

    private static long[] as2dB(long[] b) {
        return b.length == 1 ? new long[] {b[0], 1} : b;
    }

    static Shape matMulShape(OpContext ctx) {
        long[] a0 = ctx.inputShape(0).dims();
        long[] b0 = ctx.inputShape(1).dims();
        if (a0.length == 0 || b0.length == 0) {
            throw ctx.error("MatMul operands must have rank >= 1");
        }
        long[] a = as2dA(a0);
        long[] b = as2dB(b0);
        if (a[a.length - 1] != b[b.length - 2]) {
            throw ctx.error("inner dimensions differ: " + ctx.inputShape(0) + " x " + ctx.inputShape(1));
        }
        Shape batch = Emit.broadcast(Shape.of(java.util.Arrays.copyOf(a, a.length - 2)),
                Shape.of(java.util.Arrays.copyOf(b, b.length - 2)));
        if (batch == null) {
            throw ctx.error("batch dimensions do not broadcast: " + ctx.inputShape(0) + " x " + ctx.inputShape(1));
        }
        List<Long> out = new ArrayList<>();
        for (long d : batch.dims()) {
            out.add(d);
        }
        if (a0.length > 1) {
            out.add(a[a.length - 2]);
        }
        if (b0.length > 1) {
            out.add(b[b.length - 1]);
        }
        return Shape.of(out.stream().mapToLong(Long::longValue).toArray());
    }

    private static void matMul(OpContext ctx) {
        emitMatMul(ctx, ctx.in(0), ctx.in(1), ctx.out(0));
    }

    static void emitMatMul(OpContext ctx, PlanTensor a, PlanTensor b, PlanTensor out) {
        long[] ad = as2dA(a.shape().dims());
        long[] bd = as2dB(b.shape().dims());
        int m = (int) ad[ad.length - 2];
        int k = (int) ad[ad.length - 1];
        int n = (int) bd[bd.length - 1];
        long[] aBatch = java.util.Arrays.copyOf(ad, ad.length - 2);
        long[] bBatch = java.util.Arrays.copyOf(bd, bd.length - 2);
        long[] batch = Emit.broadcast(Shape.of(aBatch), Shape.of(bBatch)).dims();
        int count = Emit.product(batch, 0, batch.length);
        if (Emit.product(bBatch, 0, bBatch.length) == 1 && Shape.of(aBatch).equals(Shape.of(batch))) {
            // B is shared by every batch: fold A's batch into its rows, one MATMUL
            ctx.emit(AtomicOp.MATMUL, Params.MatMul.plain(count * m, n, k), List.of(a, b), List.of(out));
            return;
        }
        int[] aOff = new int[count];
        int[] bOff = new int[count];
        int[] idx = new int[batch.length];
        for (int i = 0; i < count; i++) {
            int rest = i;
            for (int d = batch.length - 1; d >= 0; d--) {
                idx[d] = rest % (int) batch[d];
                rest /= (int) batch[d];
            }
            aOff[i] = offset(idx, aBatch, m * k);
            bOff[i] = offset(idx, bBatch, k * n);
        }
        PlanTensor ra = ctx.realize(a);
        PlanTensor rb = ctx.realize(b);
        Command body = new Command(AtomicOp.MATMUL, ctx.node().name(), List.of(ra, rb), List.of(out),
                Params.MatMul.plain(m, n, k));
        ctx.emit(AtomicOp.LOOP, new Params.Loop(count, body, List.of(Params.Step.table(aOff), Params.Step.table(bOff),
                Params.Step.linear(m * n))), List.of(ra, rb), List.of(out));
    }

    /** Element offset of a broadcast batch index in an operand with its own (right-aligned) batch dims. */
    private static int offset(int[] idx, long[] own, int matrix) {
        int lead = idx.length - own.length;
        long off = 0;
        for (int d = 0; d < own.length; d++) {
            off = off * own[d] + (own[d] == 1 ? 0 : idx[lead + d]);
        }
        return Math.toIntExact(off * matrix);
    }

    private static List<TensorType> gemmShape(OpContext ctx) {
        Shape a = ctx.inputShape(0);
        Shape b = ctx.inputShape(1);
        if (a.rank() != 2 || b.rank() != 2) {
            throw ctx.error("Gemm needs 2-d operands, got " + a + " and " + b);
        }
        boolean ta = ctx.attrInt("transA", 0) != 0;
        boolean tb = ctx.attrInt("transB", 0) != 0;
        long m = ta ? a.get(1) : a.get(0);
        long k = ta ? a.get(0) : a.get(1);
        long k2 = tb ? b.get(1) : b.get(0);
        long n = tb ? b.get(0) : b.get(1);
        if (k != k2) {
            throw ctx.error("inner dimensions differ: " + a + " x " + b);
        }
        return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(m, n)));
    }

    private static void gemm(OpContext ctx) {
        PlanTensor out = ctx.out(0);
        Shape a = ctx.inputShape(0);
        boolean ta = ctx.attrInt("transA", 0) != 0;
        boolean tb = ctx.attrInt("transB", 0) != 0;
        int m = (int) out.shape().get(0);
        int n = (int) out.shape().get(1);
        int k = (int) (ta ? a.get(0) : a.get(1));
        List<PlanTensor> in = new ArrayList<>(List.of(ctx.in(0), ctx.in(1)));
        if (ctx.hasInput(2)) {
            if (Emit.broadcast(ctx.inputShape(2), out.shape()) == null) {
                throw ctx.error("bias " + ctx.inputShape(2) + " does not broadcast to " + out.shape());
            }
            in.add(Emit.broadcastTo(ctx, ctx.in(2), out.shape()));
        }
        ctx.emit(AtomicOp.MATMUL, new Params.MatMul(m, n, k, ta, tb, ctx.attrFloat("alpha", 1f), ctx.attrFloat("beta", 1f)),
                in, List.of(out));
    }

    /**
     * An 8-bit operand as INT32 minus its zero point; a 1-d zero point runs along {@code zpAxis} (rows of A, columns
     * of B).
     */
    static PlanTensor widen(OpContext ctx, int input, int zpInput, int zpAxis) {
        PlanTensor x = ctx.in(input);
        PlanTensor wide = ctx.temp(DType.INT32, x.shape());
        ctx.emit(AtomicOp.UNARY, new Params.Unary(Params.UnaryKind.CAST, 0, 0, DType.INT32), List.of(x), List.of(wide));
        if (!ctx.hasInput(zpInput)) {
            return wide;
        }
        PlanTensor zp = ctx.in(zpInput);
        PlanTensor zpWide = ctx.temp(DType.INT32, zp.shape());
        ctx.emit(AtomicOp.UNARY, new Params.Unary(Params.UnaryKind.CAST, 0, 0, DType.INT32), List.of(zp), List.of(zpWide));
        if (zp.elements() > 1 && zp.shape().rank() == 1) {
            long[] d = new long[x.shape().rank()];
            java.util.Arrays.fill(d, 1);
            d[d.length + zpAxis] = zp.elements();
            zpWide = Emit.reshape(ctx, zpWide, Shape.of(d));
        }
        return Emit.binary(ctx, Params.BinaryKind.SUB, wide, zpWide, DType.INT32);
    }
}
