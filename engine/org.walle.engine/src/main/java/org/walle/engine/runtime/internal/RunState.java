package org.walle.engine.runtime.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.backend.Backend;
import org.walle.engine.backend.ref.Data;
import org.walle.engine.backend.ref.Operand;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.graph.GraphException;
import org.walle.engine.runtime.MemoryPlan;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Tensor;

/**
 * A plan made executable: its memory plan, the buffers allocated once, storage bound to every arena tensor, and
 * each command's chosen execution. {@link #run} only binds the feeds and runs the steps, copying between host and
 * device backends where a step needs a value another backend wrote.
 */
public final class RunState {
    private static final Operand[] NONE = {};
    private final Plan plan;
    private final MemoryPlan memory;
    private final Bindings bindings;
    private final Residency residency;
    private final List<Step> steps;
    private final OperandTable operands;

    /** Receives each step's kernel and copy time during a profiled run. */
    @FunctionalInterface
    public interface StepTimer {
        void record(int step, long kernelNanos, long copyNanos);
    }

    public RunState(Plan plan, List<Step> steps) {
        this.plan = plan;
        this.steps = List.copyOf(steps);
        this.memory = MemoryPlanner.plan(plan.commands(), plan.outputs().values());
        this.bindings = new Bindings(storage(memory));
        this.residency = new Residency(bindings);
        this.operands = new OperandTable(plan.commands(), bindings);
        for (Backend device : steps.stream().map(Step::backend).filter(b -> !b.hostMemory()).distinct().toList()) {
            device.onResize(steps.stream().filter(s -> s.backend() == device).map(Step::command)
                    .flatMap(c -> java.util.stream.Stream.concat(c.inputs().stream(), c.outputs().stream()))
                    .map(PlanTensor::storageOwner).distinct().toList());
        }
    }

    private static java.util.function.Function<PlanTensor, Data> storage(MemoryPlan memory) {
        long arenaBytes = memory.bufferBytes().get(0);
        if (arenaBytes > Integer.MAX_VALUE - 64) {
            throw new GraphException("memory plan", "the plan needs " + arenaBytes
                    + " bytes of non-float tensors, more than one 2 GiB arena holds");
        }
        ByteBuffer arena = ByteBuffer.allocate(Math.toIntExact(Math.max(arenaBytes, 1))).order(ByteOrder.LITTLE_ENDIAN);
        float[][] pool = new float[memory.bufferBytes().size()][];
        for (int b = 1; b < pool.length; b++) {
            pool[b] = new float[Math.toIntExact(memory.bufferBytes().get(b) / DType.FLOAT32.byteSize())];
        }
        Map<PlanTensor, MemoryPlan.Placement> where = new IdentityHashMap<>();
        memory.placements().forEach(p -> where.put(p.tensor(), p));
        return t -> {
            MemoryPlan.Placement p = where.get(t);
            if (p == null) {
                throw new IllegalStateException("tensor " + t + " has no planned buffer");
            }
            return p.buffer() == 0 ? Data.arena(arena, Math.toIntExact(p.offset()), t.dtype()) : Data.floats(pool[p.buffer()]);
        };
    }

    public MemoryPlan memory() {
        return memory;
    }

    public List<Step> steps() {
        return steps;
    }

    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        return run(feeds, null);
    }

    /** Runs once; with a timer, every step is timed (device steps finish before their time is taken). */
    public Map<String, Tensor> run(Map<String, Tensor> feeds, StepTimer timer) {
        plan.inputs().forEach((name, t) -> {
            Tensor feed = feeds.get(name);
            if (feed == null) {
                throw new GraphException(name, "missing input");
            }
            operands.bindFeed(t, feed, bindings);
        });
        residency.startRun();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            long copy = residency.prepareInputs(s.backend(), s.command().inputs());
            long start = System.nanoTime();
            execute(i, s);
            if (timer != null) {
                timer.record(i, System.nanoTime() - start, copy);
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        plan.outputs().forEach((name, t) -> {
            residency.toHost(t.storageOwner());
            out.put(name, bindings.read(t));
        });
        return out;
    }

    /** Runs one step's command with another execution (measuring mode), leaving residency as the step left it. */
    public long time(int step, Backend backend, org.walle.engine.backend.Execution execution) {
        Step s = steps.get(step);
        residency.prepareInputs(backend, s.command().inputs());
        long start = System.nanoTime();
        execute(step, new Step(s.command(), backend, "", execution));
        return System.nanoTime() - start;
    }

    private void execute(int step, Step s) {
        boolean host = s.backend().hostMemory();
        Operand[] in = host ? operands.inputs(step) : NONE;
        Operand[] out = host ? operands.outputs(step) : NONE;
        try {
            s.execution().onExecute(in, out);
        } catch (GraphException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GraphException(s.command().node(), s.command().op() + " failed on " + s.backend().name() + ": " + e);
        }
        residency.written(s.backend(), s.command().outputs());
    }
}
