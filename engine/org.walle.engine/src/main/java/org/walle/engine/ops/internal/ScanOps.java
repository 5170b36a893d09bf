package org.walle.engine.ops.internal;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.Regions;
import org.walle.engine.graph.Graph;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.Shape;

/**
 * Scan, unrolled at resize time: the sequence length is a dimension of the scan inputs, so it is always known
 * then. Per step each scan input contributes a slice view along its axis (in its direction), the body is planned
 * inline with the current states, and each scan output's per-step values are placed by one virtual tensor along
 * the output axis. Opset 8's batched form runs the same per batch entry and stacks the results on axis 0.
 */
final class ScanOps {
    private ScanOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("Scan", ScanOps::shape, ScanOps::decompose));
    }

    private static List<TensorType> shape(OpContext ctx) {
        List<PlanTensor> outs = outputs(ctx);
        if (outs.size() < ctx.node().outputs().size()) {
            throw ctx.error("the body gives " + outs.size() + " outputs, the node has " + ctx.node().outputs().size());
        }
        return outs.subList(0, ctx.node().outputs().size()).stream().map(t -> new TensorType(t.dtype(), t.shape())).toList();
    }

    private static void decompose(OpContext ctx) {
        List<PlanTensor> outs = outputs(ctx);
        for (int i = 0; i < ctx.node().outputs().size(); i++) {
            if (!ctx.node().outputs().get(i).isEmpty()) {
                ctx.setOutput(i, outs.get(i));
            }
        }
    }

    private static List<PlanTensor> outputs(OpContext ctx) {
        return ctx.once("scan", () -> ctx.opset() < 9 ? batched(ctx) : unbatched(ctx));
    }

    /** Opset 9+: states and scan inputs as they are, axes and directions per input and output. */
    private static List<PlanTensor> unbatched(OpContext ctx) {
        Graph body = body(ctx);
        int m = (int) ctx.attrInt("num_scan_inputs", -1);
        int n = ctx.inputCount() - m;
        List<PlanTensor> states = new ArrayList<>();
        for (int i = 0; i < Math.max(0, n); i++) {
            states.add(ctx.in(i));
        }
        List<PlanTensor> xs = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            xs.add(ctx.in(n + j));
        }
        return run(ctx, body, states, xs, "scan_input_axes", "scan_input_directions", true);
    }

    /** Opset 8: input 0 is sequence_lens, then states [batch, ...] and scan inputs [batch, seq, ...]. */
    private static List<PlanTensor> batched(OpContext ctx) {
        Graph body = body(ctx);
        int m = (int) ctx.attrInt("num_scan_inputs", -1);
        int n = ctx.inputCount() - 1 - m;
        if (m < 1 || n < 0) {
            throw ctx.error("num_scan_inputs " + m + " does not fit " + ctx.inputCount() + " inputs");
        }
        long batch = ctx.inputShape(1 + n).get(0);
        long seq = ctx.inputShape(1 + n).rank() > 1 ? ctx.inputShape(1 + n).get(1) : -1;
        if (ctx.hasInput(0)) {
            Object lens = ctx.valueOrNull(0);
            if (lens == null || java.util.Arrays.stream(ctx.longs(0)).anyMatch(l -> l != seq)) {
                throw ctx.unsupported("sequence_lens shorter than the sequence");
            }
        }
        List<List<PlanTensor>> perBatch = new ArrayList<>();
        for (long b = 0; b < batch; b++) {
            List<PlanTensor> states = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                states.add(slice(ctx, ctx.in(1 + i), 0, b));
            }
            List<PlanTensor> xs = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                xs.add(slice(ctx, ctx.in(1 + n + j), 0, b));
            }
            perBatch.add(run(ctx, body, states, xs, null, "directions", false));
        }
        List<PlanTensor> outs = new ArrayList<>();
        for (int i = 0; i < perBatch.get(0).size(); i++) {
            List<PlanTensor> parts = new ArrayList<>();
            for (List<PlanTensor> r : perBatch) {
                parts.add(r.get(i));
            }
            outs.add(stack(ctx, parts, 0, false));
        }
        return outs;
    }

    /** Runs the body over the sequence; returns the final states, then each scan output stacked. */
    private static List<PlanTensor> run(OpContext ctx, Graph body, List<PlanTensor> states, List<PlanTensor> xs,
            String inputAxes, String inputDirections, boolean outputAttrs) {
        int n = states.size();
        int m = xs.size();
        int k = body.outputs().size() - n;
        if (m < 1 || k < 0 || body.inputs().size() != n + m) {
            throw ctx.error(m + " scan inputs and " + n + " states do not fit a body of " + body.inputs().size()
                    + " inputs and " + body.outputs().size() + " outputs");
        }
        long length = -1;
        int[] axes = new int[m];
        for (int j = 0; j < m; j++) {
            Shape s = xs.get(j).shape();
            axes[j] = Emit.axis(ctx, entry(ctx, inputAxes, j), s.rank());
            if (length >= 0 && s.get(axes[j]) != length) {
                throw ctx.error("scan inputs disagree on the sequence length: " + length + " and " + s.get(axes[j]));
            }
            length = s.get(axes[j]);
        }
        if (length > LoopOps.MAX_ITERATIONS || length < 1) {
            throw ctx.unsupported("Scan is unrolled at resize time: 1 to " + LoopOps.MAX_ITERATIONS
                    + " steps, got " + length);
        }
        List<List<PlanTensor>> scans = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            scans.add(new ArrayList<>());
        }
        for (long t = 0; t < length; t++) {
            List<PlanTensor> inputs = new ArrayList<>(states);
            for (int j = 0; j < m; j++) {
                long index = entry(ctx, inputDirections, j) != 0 ? length - 1 - t : t;
                inputs.add(slice(ctx, xs.get(j), axes[j], index));
            }
            List<PlanTensor> outs = ctx.inline(body, inputs);
            states = new ArrayList<>(outs.subList(0, n));
            for (int j = 0; j < k; j++) {
                scans.get(j).add(outs.get(n + j));
            }
        }
        List<PlanTensor> result = new ArrayList<>(states);
        for (int j = 0; j < k; j++) {
            int rank = scans.get(j).get(0).shape().rank() + 1;
            int axis = outputAttrs ? Emit.axis(ctx, entry(ctx, "scan_output_axes", j), rank) : 0;
            result.add(stack(ctx, scans.get(j), axis, outputAttrs && entry(ctx, "scan_output_directions", j) != 0));
        }
        return result;
    }

    private static Graph body(OpContext ctx) {
        Object attr = ctx.node().attributes().get("body");
        if (!(attr instanceof Graph body)) {
            throw ctx.error("attribute body should be a graph");
        }
        return body;
    }

    /** Entry {@code j} of an INTS attribute, 0 when the attribute (or its name) is absent. */
    private static long entry(OpContext ctx, String name, int j) {
        long[] v = name == null ? null : ctx.attrInts(name);
        if (v == null) {
            return 0;
        }
        if (j >= v.length) {
            throw ctx.error("attribute " + name + " has " + v.length + " entries, needs at least " + (j + 1));
        }
        return v[j];
    }

    /** The sub-tensor at {@code index} along {@code axis}, that axis dropped: a view. */
    private static PlanTensor slice(OpContext ctx, PlanTensor x, int axis, long index) {
        long[] d = x.shape().dims();
        long[] strides = Regions.contiguousStrides(d);
        long[] sizes = drop(d, axis);
        List<Region> r = Regions.strided(0, Math.toIntExact(index * strides[axis]), drop(strides, axis), 0,
                Regions.contiguousStrides(sizes), sizes);
        return ctx.view(x.dtype(), Shape.of(sizes), List.of(x), r, null);
    }

    /** Part t at position t (or count-1-t when reversed) along a new {@code axis}: one virtual tensor. */
    private static PlanTensor stack(OpContext ctx, List<PlanTensor> parts, int axis, boolean reverse) {
        PlanTensor first = parts.get(0);
        for (PlanTensor p : parts) {
            if (!p.shape().equals(first.shape()) || p.dtype() != first.dtype()) {
                throw ctx.error("scan output changes between steps: " + first + " then " + p);
            }
        }
        long[] d = first.shape().dims();
        long[] out = new long[d.length + 1];
        for (int i = 0, k = 0; i < out.length; i++) {
            out[i] = i == axis ? parts.size() : d[k++];
        }
        long[] outStrides = Regions.contiguousStrides(out);
        long[] partStrides = Regions.contiguousStrides(d);
        List<Region> regions = new ArrayList<>();
        for (int t = 0; t < parts.size(); t++) {
            long position = reverse ? parts.size() - 1 - t : t;
            regions.addAll(Regions.strided(t, 0, partStrides, Math.toIntExact(position * outStrides[axis]),
                    drop(outStrides, axis), d));
        }
        return ctx.view(first.dtype(), Shape.of(out), parts, regions, null);
    }

    private static long[] drop(long[] a, int axis) {
        long[] out = new long[a.length - 1];
        for (int i = 0, k = 0; i < a.length; i++) {
            if (i != axis) {
                out[k++] = a[i];
            }
        }
        return out;
    }
}
