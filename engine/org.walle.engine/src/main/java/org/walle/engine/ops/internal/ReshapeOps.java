package org.walle.engine.ops.internal;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.Shape;

/**
 * Ops that only re-label or re-order elements: Reshape, Flatten, Squeeze, Unsqueeze, Transpose, Expand. Each yields
 * a virtual tensor (one region) and never a kernel of its own.
 */
final class ReshapeOps {
    private ReshapeOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("Reshape", ReshapeOps::reshapeShape, ReshapeOps::relabel, 1).since(5));
        r.register(OpDef.of("Flatten", ReshapeOps::flattenShape, ReshapeOps::relabel));
        r.register(OpDef.of("Squeeze", ReshapeOps::squeezeShape, ReshapeOps::relabel, 1));
        r.register(OpDef.of("Unsqueeze", ReshapeOps::unsqueezeShape, ReshapeOps::relabel, 1));
        r.register(OpDef.of("Transpose", ReshapeOps::transposeShape,
                ctx -> ctx.setOutput(0, Emit.transpose(ctx, ctx.in(0), perm(ctx)))));
        r.register(OpDef.of("Expand", ctx -> List.of(new TensorType(ctx.inputType(0).dtype(), expandShape(ctx))),
                ctx -> ctx.setOutput(0, Emit.broadcastTo(ctx, ctx.in(0), ctx.outputType(0).shape())), 1));
    }

    private static void relabel(OpContext ctx) {
        ctx.setOutput(0, Emit.reshape(ctx, ctx.in(0), ctx.outputType(0).shape()));
    }

    private static List<TensorType> reshapeShape(OpContext ctx) {
        long[] in = ctx.inputShape(0).dims();
        long[] want = ctx.longs(1);
        boolean allowZero = ctx.attrInt("allowzero", 0) != 0;
        long known = 1;
        int infer = -1;
        for (int i = 0; i < want.length; i++) {
            if (want[i] == 0 && !allowZero) {
                if (i >= in.length) {
                    throw ctx.error("shape entry " + i + " is 0 but the input has rank " + in.length);
                }
                want[i] = in[i];
            }
            if (want[i] == -1) {
                if (infer >= 0) {
                    throw ctx.error("more than one -1 in target shape");
                }
                infer = i;
            } else if (want[i] < 0) {
                throw ctx.error("invalid target dimension " + want[i]);
            } else {
                known *= want[i];
            }
        }
        long total = ctx.inputShape(0).size();
        if (infer >= 0) {
            if (known == 0 || total % known != 0) {
                throw ctx.error("cannot reshape " + ctx.inputShape(0) + " into " + java.util.Arrays.toString(ctx.longs(1)));
            }
            want[infer] = total / known;
        } else if (known != total) {
            throw ctx.error("cannot reshape " + ctx.inputShape(0) + " (" + total + " elements) into " + Shape.of(want));
        }
        return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(want)));
    }

    private static List<TensorType> flattenShape(OpContext ctx) {
        long[] in = ctx.inputShape(0).dims();
        long a = ctx.attrInt("axis", 1);
        int axis = (int) (a < 0 ? a + in.length : a);
        if (axis < 0 || axis > in.length) {
            throw ctx.error("axis " + a + " out of range for rank " + in.length);
        }
        return List.of(new TensorType(ctx.inputType(0).dtype(),
                Shape.of(Emit.product(in, 0, axis), Emit.product(in, axis, in.length))));
    }

    private static long[] axesOf(OpContext ctx) {
        return ctx.opset() >= 13 ? (ctx.hasInput(1) ? ctx.longs(1) : null) : ctx.attrInts("axes");
    }

    private static List<TensorType> squeezeShape(OpContext ctx) {
        long[] in = ctx.inputShape(0).dims();
        long[] axes = axesOf(ctx);
        boolean[] drop = new boolean[in.length];
        if (axes == null) {
            for (int i = 0; i < in.length; i++) {
                drop[i] = in[i] == 1;
            }
        } else {
            for (long a : axes) {
                int ax = Emit.axis(ctx, a, in.length);
                if (in[ax] != 1) {
                    throw ctx.error("cannot squeeze axis " + a + " of size " + in[ax]);
                }
                drop[ax] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (!drop[i]) {
                out.add(in[i]);
            }
        }
        return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(out.stream().mapToLong(Long::longValue).toArray())));
    }

    private static List<TensorType> unsqueezeShape(OpContext ctx) {
        long[] in = ctx.inputShape(0).dims();
        long[] axes = axesOf(ctx);
        if (axes == null) {
            throw ctx.error("axes are required");
        }
        int rank = in.length + axes.length;
        boolean[] added = new boolean[rank];
        for (long a : axes) {
            int ax = Emit.axis(ctx, a, rank);
            if (added[ax]) {
                throw ctx.error("axis " + a + " repeated");
            }
            added[ax] = true;
        }
        long[] out = new long[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) {
            out[i] = added[i] ? 1 : in[j++];
        }
        return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(out)));
    }

    static int[] perm(OpContext ctx) {
        int rank = ctx.inputShape(0).rank();
        long[] p = ctx.attrInts("perm");
        int[] perm = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = p == null ? rank - 1 - i : Emit.axis(ctx, p[i], rank);
            if (seen[perm[i]]) {
                throw ctx.error("perm repeats axis " + perm[i]);
            }
            seen[perm[i]] = true;
        }
        if (p != null && p.length != rank) {
            throw ctx.error("perm has " + p.length + " entries for rank " + rank);
        }
        return perm;
    }

    private static List<TensorType> transposeShape(OpContext ctx) {
        int[] perm = perm(ctx);
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = ctx.inputShape(0).get(perm[i]);
        }
        return List.of(new TensorType(ctx.inputType(0).dtype(), Shape.of(out)));
    }

    private static Shape expandShape(OpContext ctx) {
        Shape s = Emit.broadcast(ctx.inputShape(0), Shape.of(ctx.longs(1)));
        if (s == null) {
            throw ctx.error("cannot expand " + ctx.inputShape(0) + " to " + Shape.of(ctx.longs(1)));
        }
        return s;
    }
}
