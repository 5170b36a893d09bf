package org.walle.engine.onnx.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.onnx.OnnxModelException;
import org.walle.engine.onnx.internal.proto.OnnxProto.NodeProto;

/**
 * Finds a cycle among a graph's nodes in linear time, before the graph reaches the engine's builder, so that a
 * hostile model of many nodes ending in a cycle is refused at once. The error names the nodes on the cycle.
 */
final class CycleCheck {
    private CycleCheck() {
    }

    /** @param names the unique node names, index for index */
    static void requireAcyclic(List<NodeProto> nodes, List<String> names) {
        int n = nodes.size();
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (String out : nodes.get(i).getOutputList()) {
                if (!out.isEmpty()) {
                    producer.putIfAbsent(out, i);
                }
            }
        }
        int[] pending = new int[n];
        List<List<Integer>> consumers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            consumers.add(new ArrayList<>(2));
        }
        for (int i = 0; i < n; i++) {
            for (String in : nodes.get(i).getInputList()) {
                Integer p = producer.get(in);
                if (p != null) {
                    pending[i]++;
                    consumers.get(p).add(i);
                }
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        int done = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            done++;
            for (int c : consumers.get(i)) {
                if (--pending[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (done < n) {
            throw cycleError(nodes, names, producer, pending);
        }
    }

    /** Walks back from a stuck node through stuck producers until a node repeats: that loop is a cycle. */
    private static OnnxModelException cycleError(List<NodeProto> nodes, List<String> names,
            Map<String, Integer> producer, int[] pending) {
        int start = 0;
        while (pending[start] == 0) {
            start++;
        }
        Map<Integer, Integer> seenAt = new HashMap<>();
        List<Integer> path = new ArrayList<>();
        int current = start;
        while (!seenAt.containsKey(current)) {
            seenAt.put(current, path.size());
            path.add(current);
            current = stuckProducer(nodes.get(current), producer, pending);
        }
        List<Integer> cycle = path.subList(seenAt.get(current), path.size());
        StringBuilder b = new StringBuilder();
        for (int k = cycle.size() - 1; k >= 0; k--) {
            b.append(names.get(cycle.get(k))).append(" -> ");
        }
        b.append(names.get(cycle.get(cycle.size() - 1)));
        return new OnnxModelException(names.get(current), "node is part of a cycle: " + b);
    }

    private static int stuckProducer(NodeProto node, Map<String, Integer> producer, int[] pending) {
        for (String in : node.getInputList()) {
            Integer p = producer.get(in);
            if (p != null && pending[p] > 0) {
                return p;
            }
        }
        throw new IllegalStateException("a node left over by the topological sort has no left-over producer");
    }
}
