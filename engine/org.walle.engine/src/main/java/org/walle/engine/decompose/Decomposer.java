package org.walle.engine.decompose;

import java.util.List;
import java.util.Map;

import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphException;
import org.walle.engine.runtime.ResizeReport;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * The decomposition view for the studio and {@code walle inspect --op}: what atomic commands, with which regions,
 * a node becomes once the graph is resized for concrete input shapes.
 */
public final class Decomposer {
    private Decomposer() {
    }

    /** Resizes the graph for the given input shapes (no input may determine shapes by value). */
    public static ResizeReport inspect(Graph graph, Map<String, Shape> inputShapes) {
        return new Session(graph).resize(inputShapes);
    }

    /** Resizes for example feeds: use when inputs such as a Reshape target determine shapes by value. */
    public static ResizeReport inspectWith(Graph graph, Map<String, Tensor> feeds) {
        return new Session(graph).resizeFor(feeds);
    }

    /** The commands one node became; empty when it was folded into a constant. */
    public static List<Command> commandsOf(ResizeReport report, Graph graph, String nodeName) {
        if (graph.nodes().stream().noneMatch(n -> n.name().equals(nodeName))) {
            throw new GraphException(graph.name(), "no node named '" + nodeName + "'");
        }
        return report.commandsOf(nodeName);
    }

    /** A readable multi-line rendering: one line per command, one indented line per region. */
    public static String format(List<Command> commands) {
        StringBuilder b = new StringBuilder();
        for (Command c : commands) {
            b.append(c.op()).append(' ').append(c.inputs()).append(" -> ").append(c.outputs());
            if (c.params() instanceof Params.Raster r) {
                b.append(r.fill() != null ? " fill=" + r.fill() : "").append('\n');
                r.regions().forEach(region -> b.append("    ").append(region).append('\n'));
            } else if (c.params() instanceof Params.Loop l) {
                b.append(" x").append(l.count()).append(" steps=").append(l.steps()).append('\n');
                b.append("    body: ").append(format(List.of(l.body())).strip().replace("\n", "\n    ")).append('\n');
            } else {
                b.append(' ').append(c.params()).append('\n');
            }
        }
        return b.toString();
    }
}
