package org.walle.engine.ops.internal;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.View;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.ValueInfo;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Loop, unrolled at resize time like the recurrent ops: the trip count and every condition (the input and each one
 * the body computes) must be known then, so the body is planned inline once per iteration, each iteration's
 * loop-carried outputs bound to the next one's inputs. Scan outputs are stacked into one virtual tensor. A loop
 * whose end depends on run-time data is refused, as is one longer than {@link #MAX_ITERATIONS}.
 */
final class LoopOps {
    /** Unrolling copies the body's commands per iteration; past this a plan would be absurdly large. */
    static final int MAX_ITERATIONS = 4096;

    private LoopOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("Loop", LoopOps::shape, LoopOps::decompose, 0, 1));
    }

    /** The loop-carried values after the last iteration and, per scan output, its value of every iteration. */
    private record Unrolled(List<PlanTensor> carried, List<List<PlanTensor>> scans) {
    }

    private static List<TensorType> shape(OpContext ctx) {
        Unrolled u = unrolled(ctx);
        List<TensorType> types = new ArrayList<>();
        u.carried().forEach(t -> types.add(new TensorType(t.dtype(), t.shape())));
        Graph body = body(ctx);
        for (int j = 0; j < u.scans().size(); j++) {
            types.add(stackedType(ctx, body, u.carried().size(), j, u.scans().get(j)));
        }
        return types.subList(0, Math.min(types.size(), ctx.node().outputs().size()));
    }

    private static void decompose(OpContext ctx) {
        Unrolled u = unrolled(ctx);
        int n = u.carried().size();
        for (int i = 0; i < ctx.node().outputs().size(); i++) {
            if (ctx.node().outputs().get(i).isEmpty()) {
                continue;
            }
            ctx.setOutput(i, i < n ? u.carried().get(i) : stack(ctx, u.scans().get(i - n), ctx.outputType(i)));
        }
    }

    private static Unrolled unrolled(OpContext ctx) {
        return ctx.once("loop", () -> unroll(ctx));
    }

    private static Unrolled unroll(OpContext ctx) {
        Graph body = body(ctx);
        int n = Math.max(0, ctx.inputCount() - 2);
        int k = body.outputs().size() - 1 - n;
        if (body.inputs().size() != 2 + n || k < 0) {
            throw ctx.error("the body takes " + body.inputs().size() + " inputs and gives " + body.outputs().size()
                    + " outputs; with " + n + " loop-carried values it must take " + (2 + n) + " and give at least "
                    + (1 + n));
        }
        Long tripCount = ctx.hasInput(0) ? known(ctx, 0, "trip count").getLong(0) : null;
        boolean cond = !ctx.hasInput(1) || known(ctx, 1, "condition").getDouble(0) != 0;
        if (tripCount == null && !ctx.hasInput(1)) {
            throw ctx.error("has neither a trip count nor a condition: it would run forever");
        }
        if (tripCount != null && tripCount > MAX_ITERATIONS && !ctx.hasInput(1)) {
            throw tooLong(ctx); // refused before planning thousands of iterations for nothing
        }
        List<PlanTensor> carried = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            carried.add(ctx.in(2 + i));
        }
        List<List<PlanTensor>> scans = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            scans.add(new ArrayList<>());
        }
        for (long iteration = 0; (tripCount == null || iteration < tripCount) && cond; iteration++) {
            if (iteration >= MAX_ITERATIONS) {
                throw tooLong(ctx);
            }
            List<PlanTensor> inputs = new ArrayList<>();
            inputs.add(ctx.constant(Tensor.ofLongs(Shape.scalar(), iteration)));
            inputs.add(ctx.constant(Tensor.wrap(DType.BOOL, Shape.scalar(), new byte[] {1})));
            inputs.addAll(carried);
            List<PlanTensor> outs = ctx.inline(body, inputs);
            PlanTensor next = outs.get(0);
            if (!ctx.hasInput(1)) {
                next = null; // ONNX: without a condition input the body's condition is computed but ignored
            } else if (next.kind() != PlanTensor.Kind.CONSTANT || next.constant().size() != 1) {
                throw ctx.unsupported("Loop condition computed by the body ('" + body.outputs().get(0)
                        + "') must be a single value known at resize time, but in iteration " + iteration
                        + " it is only computed at run time");
            }
            cond = next == null || next.constant().getDouble(0) != 0;
            carried = new ArrayList<>(outs.subList(1, 1 + n));
            for (int j = 0; j < k; j++) {
                scans.get(j).add(outs.get(1 + n + j));
            }
        }
        return new Unrolled(carried, scans);
    }

    private static RuntimeException tooLong(OpContext ctx) {
        return ctx.unsupported("Loop is unrolled at resize time, at most " + MAX_ITERATIONS + " iterations");
    }

    private static Tensor known(OpContext ctx, int input, String what) {
        Tensor t = ctx.valueOrNull(input);
        if (t == null) {
            throw ctx.unsupported("Loop " + what + " must be known at resize time, but '" + ctx.node().inputs().get(input)
                    + "' is only computed at run time (the loop is unrolled ahead)");
        }
        if (t.size() != 1) {
            throw ctx.error("the " + what + " must hold one element, got shape " + t.getShape());
        }
        return t;
    }

    private static Graph body(OpContext ctx) {
        Object body = ctx.node().attributes().get("body");
        if (!(body instanceof Graph g)) {
            throw ctx.error("attribute body should be a graph, got " + (body == null ? "nothing" : body.getClass().getSimpleName()));
        }
        return g;
    }

    /** [iterations, ...per-iteration shape]; with no iteration the body's declared output shape must be static. */
    private static TensorType stackedType(OpContext ctx, Graph body, int n, int j, List<PlanTensor> values) {
        if (values.isEmpty()) {
            String name = body.outputs().get(1 + n + j);
            ValueInfo info = body.value(name).orElse(null);
            if (info == null || info.shape() == null || !info.shape().isStatic()) {
                throw ctx.unsupported("a Loop that runs no iteration needs the static shape of scan output '" + name + "'");
            }
            return new TensorType(info.dtype(), prepend(0, info.shape()));
        }
        PlanTensor first = values.get(0);
        for (PlanTensor t : values) {
            if (!t.shape().equals(first.shape()) || t.dtype() != first.dtype()) {
                throw ctx.error("scan output " + j + " changes from " + first.dtype() + first.shape() + " to " + t.dtype()
                        + t.shape() + " between iterations");
            }
        }
        return new TensorType(first.dtype(), prepend(values.size(), first.shape()));
    }

    private static Shape prepend(long dim, Shape s) {
        long[] d = new long[s.rank() + 1];
        d[0] = dim;
        System.arraycopy(s.dims(), 0, d, 1, s.rank());
        return Shape.of(d);
    }

    private static PlanTensor stack(OpContext ctx, List<PlanTensor> parts, TensorType type) {
        if (parts.isEmpty()) {
            return ctx.constant(Tensor.zeros(type.dtype(), type.shape()));
        }
        int each = parts.get(0).elements();
        List<Region> regions = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            regions.add(Region.of(i, View.of(0, 0, 0, 1), View.of(i * each, 0, 0, 1), 1, 1, each));
        }
        return ctx.view(type.dtype(), type.shape(), parts, regions, null);
    }
}
