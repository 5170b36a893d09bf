package org.walle.engine.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.walle.engine.tensor.Tensor;

/**
 * A computation graph: nodes in topological order, the values between them, graph inputs and outputs, and constant
 * initializers (weights).
 */
public final class Graph {
    private final String name;
    private final List<Node> nodes;
    private final Map<String, ValueInfo> values;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, Tensor> initializers;
    private final int opset;
    private final Set<String> outerReads;

    Graph(String name, List<Node> nodes, Map<String, ValueInfo> values, List<String> inputs, List<String> outputs,
            Map<String, Tensor> initializers, int opset, Set<String> outerReads) {
        this.name = name;
        this.opset = opset;
        this.outerReads = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(outerReads));
        this.nodes = List.copyOf(nodes);
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
    }

    public String name() {
        return name;
    }

    /** The ONNX default-domain opset the graph's nodes follow (attribute vs input forms differ by opset). */
    public int opset() {
        return opset;
    }

    /**
     * The values of enclosing graphs this graph reads (a subgraph of If/Loop/Scan, here or in its own nested
     * subgraphs); empty for a main graph. They are resolved by name against the enclosing scopes when it runs.
     */
    public Set<String> outerReads() {
        return outerReads;
    }

    /** The subgraphs (GRAPH attributes) of a node, in attribute order; empty for ordinary ops. */
    public static List<Graph> subgraphs(Node node) {
        List<Graph> out = new ArrayList<>();
        node.attributes().values().forEach(v -> {
            if (v instanceof Graph g) {
                out.add(g);
            }
        });
        return out;
    }

    /** Every value a node reads: its inputs, then what its subgraphs read from the scope the node is in. */
    public static Set<String> reads(Node node) {
        Set<String> reads = new java.util.LinkedHashSet<>();
        node.inputs().stream().filter(in -> !in.isEmpty()).forEach(reads::add);
        subgraphs(node).forEach(g -> reads.addAll(g.outerReads()));
        return reads;
    }

    /** Every value's declared info (inputs, initializers, and whatever the importer annotated). */
    public Map<String, ValueInfo> values() {
        return values;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<String> inputs() {
        return inputs;
    }

    public List<String> outputs() {
        return outputs;
    }

    public Map<String, Tensor> initializers() {
        return initializers;
    }

    public Optional<ValueInfo> value(String valueName) {
        return Optional.ofNullable(values.get(valueName));
    }

    /** The node that produces a value, if any (graph inputs and initializers have none). */
    public Optional<Node> producer(String valueName) {
        return nodes.stream().filter(n -> n.outputs().contains(valueName)).findFirst();
    }

    /** Count of nodes per op type, in order of first appearance. */
    public Map<String, Integer> opCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        nodes.forEach(n -> counts.merge(n.opType(), 1, Integer::sum));
        return counts;
    }

    /** Edges as (producer node, consumer node, value name) triples. */
    public List<Edge> edges() {
        Map<String, Node> producers = new HashMap<>();
        nodes.forEach(n -> n.outputs().forEach(o -> producers.put(o, n)));
        List<Edge> edges = new ArrayList<>();
        for (Node consumer : nodes) {
            for (String in : consumer.inputs()) {
                Node producer = producers.get(in);
                if (producer != null) {
                    edges.add(new Edge(producer, consumer, in));
                }
            }
        }
        return edges;
    }

    /** A data dependency between two nodes. */
    public record Edge(Node from, Node to, String value) {
    }
}
