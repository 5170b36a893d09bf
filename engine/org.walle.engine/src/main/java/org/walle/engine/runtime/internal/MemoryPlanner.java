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
import org.walle.engine.tensor.DType;

/**
 * Lifetime-based planning: a tensor lives from the first command that touches it to the last (graph outputs to the
 * end). Float32 tensors get pooled arrays: in execution order, a tensor takes the smallest free array that fits,
 * else grows the largest free one, else a new one (MNN's buffer pool), so SIMD kernels work on whole arrays. The
 * other tensors share one byte arena, placed largest first at the lowest aligned offset not used by a tensor whose
 * lifetime overlaps (TFLite's greedy-by-size arena).
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
        List<Placement> placed = new ArrayList<>();
        List<Long> buffers = new ArrayList<>();
        buffers.add(0L);
        long total = 0;
        for (PlanTensor t : order) {
            total += t.bytes();
        }
        arena(order.stream().filter(t -> t.dtype() != DType.FLOAT32).toList(), life, placed, buffers);
        pool(order.stream().filter(t -> t.dtype() == DType.FLOAT32).toList(), life, placed, buffers);
        return new MemoryPlan(placed, buffers, total);
    }

    private static void arena(List<PlanTensor> tensors, Map<PlanTensor, int[]> life, List<Placement> placed,
            List<Long> buffers) {
        List<PlanTensor> bySize = new ArrayList<>(tensors);
        bySize.sort(Comparator.comparingLong(PlanTensor::bytes).reversed());
        List<Placement> arena = new ArrayList<>();
        long peak = 0;
        for (PlanTensor t : bySize) {
            int[] l = life.get(t);
            long bytes = t.bytes();
            Placement probe = new Placement(t, 0, 0, bytes, l[0], l[1]);
            List<Placement> rivals = arena.stream().filter(p -> p.livesWith(probe))
                    .sorted(Comparator.comparingLong(Placement::offset)).toList();
            long offset = 0;
            for (Placement r : rivals) {
                if (offset + bytes <= r.offset()) {
                    break;
                }
                offset = Math.max(offset, align(r.offset() + r.bytes()));
            }
            Placement p = new Placement(t, 0, offset, bytes, l[0], l[1]);
            arena.add(p);
            peak = Math.max(peak, offset + bytes);
        }
        placed.addAll(arena);
        buffers.set(0, peak);
    }

    /** Tensors come in order of first use, so a buffer is free once its last tenant's last use is behind. */
    private static void pool(List<PlanTensor> tensors, Map<PlanTensor, int[]> life, List<Placement> placed,
            List<Long> buffers) {
        List<Integer> freeAfter = new ArrayList<>(); // per pool buffer: the last command of its current tenant
        for (PlanTensor t : tensors) {
            int[] l = life.get(t);
            long bytes = t.bytes();
            int best = -1;
            int largest = -1;
            for (int b = 0; b < freeAfter.size(); b++) {
                if (freeAfter.get(b) >= l[0]) {
                    continue;
                }
                long size = buffers.get(b + 1);
                if (size >= bytes && (best < 0 || size < buffers.get(best + 1))) {
                    best = b;
                }
                if (largest < 0 || size > buffers.get(largest + 1)) {
                    largest = b;
                }
            }
            int chosen = best >= 0 ? best : largest;
            if (chosen < 0) {
                freeAfter.add(l[1]);
                buffers.add(bytes);
                chosen = freeAfter.size() - 1;
            } else {
                freeAfter.set(chosen, l[1]);
                buffers.set(chosen + 1, Math.max(buffers.get(chosen + 1), bytes));
            }
            placed.add(new Placement(t, chosen + 1, 0, bytes, l[0], l[1]));
        }
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
