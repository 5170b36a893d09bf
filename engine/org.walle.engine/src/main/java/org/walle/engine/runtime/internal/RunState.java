package org.walle.engine.runtime.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.walle.engine.backend.ref.Data;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.graph.GraphException;
import org.walle.engine.runtime.MemoryPlan;
import org.walle.engine.tensor.Tensor;

/** A plan made executable: its memory plan, the one arena allocation, and storage bound to every arena tensor. */
public final class RunState {
    private final Plan plan;
    private final MemoryPlan memory;
    private final Bindings bindings;

    public RunState(Plan plan) {
        this.plan = plan;
        this.memory = MemoryPlanner.plan(plan.commands(), plan.outputs().values());
        if (memory.peakBytes() > Integer.MAX_VALUE - 64) {
            throw new GraphException("memory plan", "the plan needs " + memory.peakBytes()
                    + " bytes, more than one 2 GiB arena holds");
        }
        ByteBuffer arena = ByteBuffer.allocate(Math.toIntExact(Math.max(memory.peakBytes(), 1)))
                .order(ByteOrder.LITTLE_ENDIAN);
        Map<PlanTensor, Integer> offsets = new IdentityHashMap<>();
        memory.placements().forEach(p -> offsets.put(p.tensor(), Math.toIntExact(p.offset())));
        this.bindings = new Bindings(t -> {
            Integer at = offsets.get(t);
            if (at == null) {
                throw new IllegalStateException("tensor " + t + " has no arena slot");
            }
            return Data.arena(arena, at, t.dtype());
        });
    }

    public MemoryPlan memory() {
        return memory;
    }

    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        plan.inputs().forEach((name, t) -> {
            Tensor feed = feeds.get(name);
            if (feed == null) {
                throw new GraphException(name, "missing input");
            }
            bindings.bind(t, Data.of(feed));
        });
        bindings.run(plan.commands());
        Map<String, Tensor> out = new LinkedHashMap<>();
        plan.outputs().forEach((name, t) -> out.put(name, bindings.read(t)));
        return out;
    }
}
