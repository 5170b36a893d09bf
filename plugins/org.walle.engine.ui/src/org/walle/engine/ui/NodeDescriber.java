package org.walle.engine.ui;

import java.util.Map;

import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;
import org.walle.engine.tensor.Tensor;

/** Text for the details pane: a node's op, inputs and outputs with shapes and types, attributes, weights. */
final class NodeDescriber {
    private NodeDescriber() {
    }

    static String describe(Graph graph, Node node) {
        StringBuilder b = new StringBuilder();
        b.append(node.opType()).append("  ").append(node.name()).append('\n');
        for (String in : node.inputs()) {
            b.append("  in   ").append(in).append(" : ").append(valueSummary(graph, in)).append('\n');
        }
        for (String out : node.outputs()) {
            b.append("  out  ").append(out).append(" : ").append(valueSummary(graph, out)).append('\n');
        }
        for (Map.Entry<String, Object> a : node.attributes().entrySet()) {
            b.append("  attr ").append(a.getKey()).append(" = ").append(NodePropertySource.format(a.getValue()))
                    .append('\n');
        }
        return b.toString().stripTrailing();
    }

    /** Type and shape of a value; for weights also min, max and mean. */
    static String valueSummary(Graph graph, String name) {
        Tensor weight = graph.initializers().get(name);
        if (weight != null) {
            return weight.getDType() + weight.getShape().toString() + " weights, " + stats(weight);
        }
        return graph.value(name).map(v -> v.dtype() + v.shape().toString()).orElse("?");
    }

    private static String stats(Tensor t) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < t.size(); i++) {
            double v = t.getDouble(i);
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        return String.format("min %.4g max %.4g mean %.4g", min, max, t.size() == 0 ? 0 : sum / t.size());
    }
}
