package org.walle.engine.runtime.internal;

import java.util.List;
import java.util.Map;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.MergeStats;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.ops.TensorType;

/** The outcome of planning: commands in execution order and how graph inputs and outputs bind to plan tensors. */
public record Plan(Map<String, PlanTensor> inputs, Map<String, PlanTensor> outputs, List<Command> commands,
        Map<String, List<Command>> commandsByNode, Map<String, TensorType> types, MergeStats stats) {
    public Plan {
        inputs = Map.copyOf(inputs);
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        commands = List.copyOf(commands);
        commandsByNode = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(commandsByNode));
        types = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(types));
    }
}
