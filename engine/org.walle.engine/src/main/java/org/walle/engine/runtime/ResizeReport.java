package org.walle.engine.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.MergeStats;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.Shape;

/**
 * What one resize produced: every value's inferred type, the atomic commands, merge statistics, the memory plan and
 * the backend search's decisions.
 */
public record ResizeReport(Map<String, Shape> inputShapes, Map<String, TensorType> types, List<Command> commands,
        Map<String, List<Command>> commandsByNode, MergeStats merges, MemoryPlan memory, SearchReport search, long resizeNanos) {

    /** The same report with the search's decisions replaced (after measuring). */
    public ResizeReport withSearch(SearchReport measured) {
        return new ResizeReport(inputShapes, types, commands, commandsByNode, merges, memory, measured, resizeNanos);
    }

    /** The atomic commands one node became (empty when it was folded to a constant or is unknown). */
    public List<Command> commandsOf(String nodeName) {
        return commandsByNode.getOrDefault(nodeName, List.of());
    }

    /** Count of commands per atomic op, in enum order. */
    public Map<AtomicOp, Integer> atomicCounts() {
        Map<AtomicOp, Integer> counts = new LinkedHashMap<>();
        for (AtomicOp op : AtomicOp.values()) {
            int n = (int) commands.stream().filter(c -> c.op() == op).count();
            if (n > 0) {
                counts.put(op, n);
            }
        }
        return counts;
    }
}
