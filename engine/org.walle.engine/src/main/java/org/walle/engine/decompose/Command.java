package org.walle.engine.decompose;

import java.util.List;

/** One atomic op application produced by decomposing a graph node. */
public record Command(AtomicOp op, String node, List<PlanTensor> inputs, List<PlanTensor> outputs, Params params) {
    public Command {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    @Override
    public String toString() {
        return op + " " + inputs + " -> " + outputs + " " + params;
    }
}
