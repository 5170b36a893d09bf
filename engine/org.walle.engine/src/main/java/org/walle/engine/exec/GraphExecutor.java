package org.walle.engine.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphException;
import org.walle.engine.graph.Node;
import org.walle.engine.tensor.Tensor;

/** Runs a graph node by node on the reference kernels. */
public final class GraphExecutor {
    private final Graph graph;

    public GraphExecutor(Graph graph) {
        this.graph = graph;
        for (Node n : graph.nodes()) {
            if (ReferenceKernels.find(n.opType()).isEmpty()) {
                throw new GraphException(n.name(), "unsupported op type '" + n.opType() + "'");
            }
        }
    }

    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        Map<String, Tensor> env = new HashMap<>(graph.initializers());
        for (String in : graph.inputs()) {
            Tensor t = feeds.get(in);
            if (t == null) {
                throw new GraphException(graph.name(), "missing input '" + in + "'");
            }
            env.put(in, t);
        }
        for (Node n : graph.nodes()) {
            List<Tensor> args = new ArrayList<>();
            n.inputs().forEach(i -> args.add(env.get(i)));
            List<Tensor> results = ReferenceKernels.find(n.opType()).orElseThrow().compute(n, args);
            for (int i = 0; i < n.outputs().size(); i++) {
                env.put(n.outputs().get(i), results.get(i));
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        graph.outputs().forEach(o -> out.put(o, env.get(o)));
        return out;
    }
}
