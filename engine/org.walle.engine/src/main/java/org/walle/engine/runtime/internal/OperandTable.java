package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.backend.ref.Data;
import org.walle.engine.backend.ref.Operand;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.tensor.Tensor;

/**
 * Every step's host operands, made once per plan: arena slots and constants never move between runs, so only the
 * operands that read a graph input (directly or through an alias) are rebound, once per run and only when the feed
 * is another tensor than last time. Keeps the run loop free of allocations (it used to build two operand arrays per
 * step per run).
 */
final class OperandTable {
    /** Where one feed's operand sits: step, input (true) or output side, position. */
    private record Slot(int step, boolean input, int index) {
    }

    private final Operand[][] inputs;
    private final Operand[][] outputs;
    private final Map<PlanTensor, List<Slot>> feedSlots = new IdentityHashMap<>();
    private final Map<PlanTensor, Tensor> boundFeeds = new IdentityHashMap<>();

    OperandTable(List<Command> commands, Bindings bindings) {
        inputs = new Operand[commands.size()][];
        outputs = new Operand[commands.size()][];
        for (int s = 0; s < commands.size(); s++) {
            inputs[s] = operands(s, true, commands.get(s).inputs(), bindings);
            outputs[s] = operands(s, false, commands.get(s).outputs(), bindings);
        }
    }

    private Operand[] operands(int step, boolean input, List<PlanTensor> tensors, Bindings bindings) {
        Operand[] ops = new Operand[tensors.size()];
        for (int i = 0; i < ops.length; i++) {
            PlanTensor owner = tensors.get(i).storageOwner();
            if (owner.kind() == PlanTensor.Kind.INPUT) {
                feedSlots.computeIfAbsent(owner, k -> new ArrayList<>()).add(new Slot(step, input, i));
            } else {
                ops[i] = new Operand(bindings.get(owner), 0);
            }
        }
        return ops;
    }

    /** Points the operands of {@code input} (a graph input's plan tensor) at {@code feed}'s storage. */
    void bindFeed(PlanTensor input, Tensor feed, Bindings bindings) {
        if (boundFeeds.get(input) == feed) {
            return;
        }
        Data data = Data.of(feed);
        bindings.bind(input, data);
        Operand operand = new Operand(data, 0);
        for (Slot s : feedSlots.getOrDefault(input.storageOwner(), List.of())) {
            (s.input() ? inputs : outputs)[s.step()][s.index()] = operand;
        }
        boundFeeds.put(input, feed);
    }

    Operand[] inputs(int step) {
        return inputs[step];
    }

    Operand[] outputs(int step) {
        return outputs[step];
    }
}
