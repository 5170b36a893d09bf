package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.runtime.MemoryPlan;
import org.walle.engine.runtime.MemoryPlan.Placement;

/**
 * Lifetime-based arena planning: a tensor lives from the first command that touches it to the last (graph outputs
 * to the end). Tensors are placed largest first at the lowest aligned offset not used by any placed tensor whose
 * lifetime overlaps (the greedy-by-size strategy of TFLite's arena planner).
 */
public final class MemoryPlanner {
    static final int ALIGN = 64;

    private MemoryPlanner() {
    }

    public static MemoryPlan plan(List<Command> commands, Iterable<PlanTensor> liveAtEnd) {
        Map<PlanTensor, int[]> life = new IdentityHashMap<>();
        List<PlanTensor> order = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Command c = commands.get(i);
            touch(c.inputs(), i, life, order);
            touch(c.outputs(), i, life, order);
        }
        for (PlanTensor t : liveAtEnd) {
            PlanTensor owner = t.storageOwner();
            if (life.containsKey(owner)) {
                life.get(owner)[1] = commands.size();
            }
        }
        List<PlanTensor> bySize = new ArrayList<>(order);
        bySize.sort(Comparator.comparingLong(PlanTensor::bytes).reversed());
        List<Placement> placed = new ArrayList<>();
        long peak = 0;
        long total = 0;
        for (PlanTensor t : bySize) {
            int[] l = life.get(t);
            long bytes = t.bytes();
            total += bytes;
            Placement probe = new Placement(t, 0, bytes, l[0], l[1]);
            List<Placement> rivals = placed.stream().filter(p -> p.livesWith(probe))
                    .sorted(Comparator.comparingLong(Placement::offset)).toList();
            long offset = 0;
            for (Placement r : rivals) {
                if (offset + bytes <= r.offset()) {
                    break;
                }
                offset = Math.max(offset, align(r.offset() + r.bytes()));
            }
            Placement p = new Placement(t, offset, bytes, l[0], l[1]);
            placed.add(p);
            peak = Math.max(peak, offset + bytes);
        }
        return new MemoryPlan(placed, peak, total);
    }

    private static void touch(List<PlanTensor> tensors, int at, Map<PlanTensor, int[]> life, List<PlanTensor> order) {
        for (PlanTensor t : tensors) {
            PlanTensor owner = t.storageOwner();
            if (owner.kind() != PlanTensor.Kind.ARENA) {
                continue;
            }
            int[] l = life.get(owner);
            if (l == null) {
                life.put(owner, new int[] {at, at});
                order.add(owner);
            } else {
                l[1] = at;
            }
        }
    }

    static long align(long v) {
        return (v + ALIGN - 1) / ALIGN * ALIGN;
    }
}
