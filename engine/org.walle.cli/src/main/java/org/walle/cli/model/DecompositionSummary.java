package org.walle.cli.model;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.walle.engine.decompose.Command;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphException;
import org.walle.engine.runtime.MemoryPlan;
import org.walle.engine.runtime.ResizeReport;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Resizes a model on concrete input shapes (declared shapes, dynamic dimensions from --shape or 1) and prints what
 * pre-inference made of it: atomic commands, raster merging, the memory plan. A graph whose shapes depend on input
 * values (a Reshape target fed at run time) is resized by one run on seeded random inputs instead.
 */
final class DecompositionSummary {
    private DecompositionSummary() {
    }

    static ResizeReport resize(Graph graph, Map<String, String> shapes) {
        Session session = new Session(graph);
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        Random random = new Random(1);
        for (String in : graph.inputs()) {
            feeds.put(in, InputSpecs.random(graph.value(in).orElseThrow(), shapes.get(in), random));
        }
        if (session.valueInputs().isEmpty()) {
            Map<String, Shape> inputShapes = new LinkedHashMap<>();
            feeds.forEach((k, v) -> inputShapes.put(k, v.getShape()));
            return session.resize(inputShapes);
        }
        session.run(feeds);
        return session.lastReport();
    }

    static void print(PrintWriter out, Graph graph, Map<String, String> shapes) {
        ResizeReport r;
        try {
            out.println("resizing on " + graph.inputs() + " ...");
            r = resize(graph, shapes);
        } catch (GraphException e) {
            out.println("decomposition unavailable: " + e.getMessage());
            return;
        }
        out.println("input shapes: " + r.inputShapes());
        out.println("after decomposition: " + r.commands().size() + " atomic commands");
        r.atomicCounts().forEach((op, n) -> out.printf("  %-24s %d%n", op, n));
        out.println("merging: " + r.merges());
        MemoryPlan m = r.memory();
        out.printf("memory plan: peak %d bytes for %d tensors totalling %d bytes (%.1f%%)%n", m.peakBytes(),
                m.placements().size(), m.totalBytes(), m.totalBytes() == 0 ? 100.0 : 100.0 * m.peakBytes()
                        / m.totalBytes());
        out.printf("resize took %.1f ms%n", r.resizeNanos() / 1e6);
    }

    static void printNode(PrintWriter out, Graph graph, String node, Map<String, String> shapes) {
        ResizeReport r;
        try {
            r = resize(graph, shapes);
        } catch (GraphException e) {
            out.println("decomposition unavailable: " + e.getMessage());
            return;
        }
        var commands = r.commandsOf(node);
        out.println("decomposition (" + commands.size() + " atomic commands"
                + (commands.isEmpty() ? ": folded to a constant or a free alias" : "") + "):");
        for (Command c : commands) {
            out.println("  " + c);
        }
    }
}
