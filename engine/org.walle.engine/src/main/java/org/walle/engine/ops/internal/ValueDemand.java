package org.walle.engine.ops.internal;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;

/**
 * Which graph inputs shape inference needs by value, looking into subgraphs too: an op reads some inputs by value
 * ({@link OpDef#needsValue}), and whatever computes such a value must be known as well, except through Shape and
 * Size, which only read shapes. Inside a body the same holds, and a body value needed by value that comes from an
 * enclosing graph (an outer-scope read) or from the node's own inputs (Loop and Scan bodies take them index for
 * index) is needed in the enclosing graph. A Loop body's condition output is always needed: it decides the unrolling.
 */
public final class ValueDemand {
    private ValueDemand() {
    }

    /** The graph inputs whose values determine shapes or control flow. */
    public static Set<String> graphInputs(Graph graph, OpRegistry registry) {
        Set<String> needed = demand(graph, registry, Set.of());
        Set<String> inputs = new LinkedHashSet<>(graph.inputs());
        inputs.retainAll(needed);
        return inputs;
    }

    /** Every name of {@code g} (or read by it from outside) needed by value, given outputs already needed. */
    static Set<String> demand(Graph g, OpRegistry registry, Set<String> seed) {
        Set<String> needed = new HashSet<>(seed);
        List<Node> nodes = g.nodes();
        for (int k = nodes.size() - 1; k >= 0; k--) {
            Node n = nodes.get(k);
            OpDef def = registry.find(n.opType()).orElse(null);
            boolean outputNeeded = n.outputs().stream().anyMatch(needed::contains);
            boolean passesValues = outputNeeded && !n.opType().equals("Shape") && !n.opType().equals("Size");
            for (int i = 0; i < n.inputs().size(); i++) {
                if ((def != null && def.needsValue(i)) || passesValues) {
                    needed.add(n.inputs().get(i));
                }
            }
            for (Graph body : Graph.subgraphs(n)) {
                Set<String> bodySeed = new HashSet<>();
                if (passesValues) {
                    bodySeed.addAll(body.outputs());
                }
                if (n.opType().equals("Loop") && !body.outputs().isEmpty()) {
                    bodySeed.add(body.outputs().get(0));
                }
                Set<String> inBody = demand(body, registry, bodySeed);
                body.outerReads().stream().filter(inBody::contains).forEach(needed::add);
                for (int i = 0; i < body.inputs().size() && i < n.inputs().size(); i++) {
                    if (inBody.contains(body.inputs().get(i))) {
                        needed.add(n.inputs().get(i));
                    }
                }
            }
        }
        needed.remove("");
        return needed;
    }
}
