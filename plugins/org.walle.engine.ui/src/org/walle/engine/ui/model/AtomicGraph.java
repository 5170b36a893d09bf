package org.walle.engine.ui.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.runtime.ResizeReport;

/**
 * The decomposed graph as a graph the view can lay out: one operator per atomic command (its type is the atomic
 * op, its name the command index and the node it came from), edges through the plan tensors. Constants become
 * initializers, tensors no command writes become inputs; a tensor written twice gets a new version, so every value
 * keeps one producer.
 */
public final class AtomicGraph {
    private static final int PARAMS_TEXT = 240;

    private AtomicGraph() {
    }

    public static Graph of(ResizeReport report, String name) {
        GraphBuilder b = new GraphBuilder(name + " (atomic)");
        Map<PlanTensor, String> current = new HashMap<>();
        Map<PlanTensor, Integer> versions = new HashMap<>();
        Set<String> declared = new HashSet<>();
        Set<String> read = new HashSet<>();
        List<Command> commands = report.commands();
        for (int i = 0; i < commands.size(); i++) {
            Command c = commands.get(i);
            List<String> inputs = c.inputs().stream().map(t -> value(t, current, declared, b)).toList();
            read.addAll(inputs);
            List<String> outputs = c.outputs().stream().map(t -> {
                PlanTensor owner = t.storageOwner();
                int version = versions.merge(owner, 1, Integer::sum);
                String v = label(owner) + (version > 1 ? "'" + version : "");
                current.put(owner, v);
                return v;
            }).toList();
            String params = String.valueOf(c.params());
            b.node("#" + i + " " + c.node(), c.op().name(), inputs, outputs,
                    Map.of("from node", c.node(), "params", params.length() > PARAMS_TEXT
                            ? params.substring(0, PARAMS_TEXT) + "..." : params));
        }
        current.values().stream().filter(v -> !read.contains(v)).forEach(b::output);
        return b.build();
    }

    private static String value(PlanTensor t, Map<PlanTensor, String> current, Set<String> declared, GraphBuilder b) {
        PlanTensor owner = t.storageOwner();
        String v = current.get(owner);
        if (v != null) {
            return v;
        }
        v = label(owner);
        if (declared.add(v)) {
            if (owner.kind() == PlanTensor.Kind.CONSTANT) {
                b.initializer(v, owner.constant());
            } else {
                b.input(v, owner.dtype(), owner.shape());
            }
        }
        current.put(owner, v);
        return v;
    }

    private static String label(PlanTensor t) {
        return t.name() + "@" + t.id();
    }
}
