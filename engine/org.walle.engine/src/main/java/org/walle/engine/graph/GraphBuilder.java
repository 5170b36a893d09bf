package org.walle.engine.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Builds a {@link Graph} and checks it: every node input must be produced by a node, a graph input or an initializer;
 * each value has one producer; there are no cycles. Nodes may be added in any order; the graph comes out sorted.
 */
public final class GraphBuilder {
    private final String name;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, ValueInfo> values = new LinkedHashMap<>();
    private final List<String> inputs = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    private int opset = DEFAULT_OPSET;
    private final Set<String> outerScope = new HashSet<>();

    /** The opset assumed when the builder is not told one. */
    public static final int DEFAULT_OPSET = 13;

    public GraphBuilder(String name) {
        this.name = name;
    }

    /** Sets the ONNX default-domain opset of the graph (the importer copies it from the model). */
    public GraphBuilder opset(int version) {
        if (version < 1) {
            throw new GraphException(name, "opset must be positive, got " + version);
        }
        this.opset = version;
        return this;
    }

    /**
     * Declares values of the enclosing graphs that this graph (a subgraph of If/Loop/Scan) may read without
     * producing them. ONNX resolves such names lexically; the engine binds them when it plans the enclosing node.
     */
    public GraphBuilder outerScope(Set<String> visibleNames) {
        outerScope.addAll(visibleNames);
        return this;
    }

    public GraphBuilder input(String valueName, DType dtype, Shape shape) {
        inputs.add(valueName);
        values.put(valueName, new ValueInfo(valueName, dtype, shape));
        return this;
    }

    public GraphBuilder initializer(String valueName, Tensor tensor) {
        initializers.put(valueName, tensor);
        values.put(valueName, new ValueInfo(valueName, tensor.getDType(), tensor.getShape()));
        return this;
    }

    public GraphBuilder value(ValueInfo info) {
        values.put(info.name(), info);
        return this;
    }

    public GraphBuilder node(String nodeName, String opType, List<String> nodeInputs, List<String> nodeOutputs,
            Map<String, Object> attributes) {
        nodes.add(new Node(nodeName, opType, nodeInputs, nodeOutputs, attributes));
        return this;
    }

    public GraphBuilder node(String nodeName, String opType, List<String> nodeInputs, String output) {
        return node(nodeName, opType, nodeInputs, List.of(output), Map.of());
    }

    public GraphBuilder output(String valueName) {
        outputs.add(valueName);
        return this;
    }

    public Graph build() {
        Map<String, Node> producers = new HashMap<>();
        for (Node n : nodes) {
            for (String out : n.outputs()) {
                Node previous = producers.put(out, n);
                if (previous != null || inputs.contains(out) || initializers.containsKey(out)) {
                    throw new GraphException(n.name(), "value '" + out + "' is produced more than once");
                }
            }
        }
        Set<String> available = new HashSet<>(inputs);
        available.addAll(initializers.keySet());
        Set<String> outerReads = new LinkedHashSet<>();
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !available.contains(in) && !producers.containsKey(in)) {
                    if (!outerScope.contains(in)) {
                        throw new GraphException(n.name(), "input '" + in + "' is not produced by any node, input or initializer");
                    }
                    outerReads.add(in);
                }
            }
            for (Graph sub : Graph.subgraphs(n)) {
                for (String in : sub.outerReads()) {
                    if (!available.contains(in) && !producers.containsKey(in)) {
                        if (!outerScope.contains(in)) {
                            throw new GraphException(n.name(), "subgraph '" + sub.name() + "' reads '" + in
                                    + "', which is not visible here (no node, input, initializer or outer-scope value)");
                        }
                        outerReads.add(in);
                    }
                }
            }
        }
        for (String out : outputs) {
            if (!available.contains(out) && !producers.containsKey(out)) {
                if (!outerScope.contains(out)) {
                    throw new GraphException(name, "graph output '" + out + "' is never produced");
                }
                outerReads.add(out);
            }
        }
        return new Graph(name, topologicalOrder(producers), values, inputs, outputs, initializers, opset, outerReads);
    }

    /**
     * Kahn's algorithm; a node left over sits on a cycle. A node with subgraphs also depends on the producers of
     * the values its subgraphs read from this graph, so it is planned after them.
     */
    private List<Node> topologicalOrder(Map<String, Node> producers) {
        Map<Node, Integer> pending = new LinkedHashMap<>();
        Map<Node, List<Node>> consumers = new HashMap<>();
        for (Node n : nodes) {
            int deps = 0;
            for (String in : Graph.reads(n)) {
                Node p = producers.get(in);
                if (p != null) {
                    deps++;
                    consumers.computeIfAbsent(p, k -> new ArrayList<>()).add(n);
                }
            }
            pending.put(n, deps);
        }
        Deque<Node> ready = new ArrayDeque<>();
        pending.forEach((n, deps) -> {
            if (deps == 0) {
                ready.add(n);
            }
        });
        List<Node> sorted = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            Node n = ready.poll();
            sorted.add(n);
            for (Node c : consumers.getOrDefault(n, List.of())) {
                if (pending.merge(c, -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        if (sorted.size() != nodes.size()) {
            // a set, not sorted.contains: a list scan per node made this error path quadratic on large graphs
            Set<Node> placed = Collections.newSetFromMap(new IdentityHashMap<>());
            placed.addAll(sorted);
            Node stuck = nodes.stream().filter(n -> !placed.contains(n)).findFirst().orElseThrow();
            throw new GraphException(stuck.name(), "node is part of a cycle (or reads from one)");
        }
        return sorted;
    }
}
