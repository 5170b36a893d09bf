package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Regions;

/**
 * A RASTER that only repeats one small tensor (a scalar, a per-channel vector) to the size of the BINARY commands
 * reading it costs a pass over memory and a buffer of the full size. When every reader is a same-size BINARY, the
 * raster goes and each reader reads the small tensor through a {@link Params.Broadcast} (MNN's binary ops take a
 * broadcast operand the same way).
 */
final class BroadcastFusion {
    private BroadcastFusion() {
    }

    /** Rewrites {@code commands} and the per-node lists in place; returns how many rasters went. */
    static int fuse(List<Command> commands, Map<String, List<Command>> byNode, Collection<PlanTensor> outputs) {
        PlanUses uses = new PlanUses(commands, outputs);
        Map<Command, Command> replaced = new IdentityHashMap<>();
        int fused = 0;
        for (Command raster : commands) {
            Optional<int[]> shape = repetition(raster);
            if (shape.isEmpty()) {
                continue;
            }
            PlanTensor repeated = raster.outputs().get(0);
            List<Command> readers = uses.readers(repeated);
            if (!uses.internal(repeated) || readers.isEmpty()
                    || !readers.stream().allMatch(c -> canTake(replaced.getOrDefault(c, c), repeated))) {
                continue;
            }
            for (Command use : readers) {
                Command current = replaced.getOrDefault(use, use);
                replaced.put(use, withBroadcast(current, repeated, raster.inputs().get(0), shape.get()));
            }
            replaced.put(raster, null);
            fused++;
        }
        PlanUses.rewrite(commands, byNode, replaced);
        return fused;
    }

    /** The {outer, mid, inner} sizes when a one-source RASTER only repeats a block of its source, else empty. */
    static Optional<int[]> repetition(Command raster) {
        if (raster.op() != AtomicOp.RASTER || raster.inputs().size() != 1) {
            return Optional.empty();
        }
        Params.Raster p = (Params.Raster) raster.params();
        PlanTensor out = raster.outputs().get(0);
        if (p.fill() != null || p.regions().size() != 1 || raster.inputs().get(0).dtype() != out.dtype()) {
            return Optional.empty();
        }
        return Regions.repetition(p.regions().get(0), out.elements())
                .filter(s -> s[1] <= raster.inputs().get(0).elements());
    }

    /** A same-size BINARY reading {@code t} as exactly one operand, with no broadcast yet. */
    private static boolean canTake(Command c, PlanTensor t) {
        if (c.op() != AtomicOp.BINARY || ((Params.Binary) c.params()).broadcast() != null) {
            return false;
        }
        PlanTensor a = c.inputs().get(0);
        PlanTensor b = c.inputs().get(1);
        long n = c.outputs().get(0).elements();
        return (a == t) != (b == t) && a.elements() == n && b.elements() == n;
    }

    private static Command withBroadcast(Command c, PlanTensor repeated, PlanTensor source, int[] s) {
        int operand = c.inputs().get(0) == repeated ? 0 : 1;
        List<PlanTensor> inputs = new ArrayList<>(c.inputs());
        inputs.set(operand, source);
        Params.Binary p = (Params.Binary) c.params();
        return new Command(AtomicOp.BINARY, c.node(), inputs, c.outputs(),
                new Params.Binary(p.kind(), new Params.Broadcast(operand, s[0], s[1], s[2])));
    }
}
