package org.walle.cli.model;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;
import org.walle.engine.graph.ValueInfo;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.tensor.Tensor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code walle inspect model.onnx [--op NAME]}: inputs, outputs, weights and op counts of an ONNX model. */
@Command(name = "inspect", description = {"Show an ONNX model's inputs, outputs, weights and op counts,",
    "then its decomposition into atomic commands, raster merging and memory plan."})
public final class ModelInspectCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
    Path model;

    @Option(names = "--op", paramLabel = "NODE",
            description = "print one node (by name) in detail, with its decomposition into atomic commands")
    String op;

    @Option(names = "--shape", paramLabel = "NAME=D0,D1,...",
            description = "input shape for the decomposition (dynamic dimensions default to 1)")
    Map<String, String> shapes = new LinkedHashMap<>();

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Graph graph = OnnxImporter.load(model);
        if (op != null) {
            printNode(out, graph, op);
            DecompositionSummary.printNode(out, graph, op, shapes);
            return;
        }
        out.println("model " + model.getFileName() + " (graph '" + graph.name() + "')");
        out.println("inputs:");
        graph.inputs().forEach(i -> out.println("  " + describe(graph.value(i), i)));
        out.println("outputs:");
        graph.outputs().forEach(o -> out.println("  " + describe(graph.value(o), o)));
        long bytes = graph.initializers().values().stream()
                .mapToLong(t -> (long) t.size() * t.getDType().byteSize()).sum();
        out.println("initializers: " + graph.initializers().size() + " tensors, " + bytes + " bytes");
        out.println("nodes: " + graph.nodes().size());
        out.println("op counts:");
        graph.opCounts().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> out.printf("  %-24s %d%n", e.getKey(), e.getValue()));
        DecompositionSummary.print(out, graph, shapes);
    }

    private static void printNode(PrintWriter out, Graph graph, String name) {
        Node n = graph.nodes().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node named '" + name + "'; e.g. "
                        + graph.nodes().stream().limit(5).map(Node::name).toList()));
        out.println("node " + n.name() + " (" + n.opType() + ")");
        out.println("inputs:");
        n.inputs().forEach(i -> out.println("  " + (i.isEmpty() ? "(absent)" : describe(graph.value(i), i)
                + (graph.initializers().containsKey(i) ? " [initializer]" : ""))));
        out.println("outputs:");
        n.outputs().forEach(o -> out.println("  " + describe(graph.value(o), o)));
        out.println("attributes:");
        n.attributes().forEach((k, v) -> out.println("  " + k + " = " + attribute(v)));
    }

    static String describe(Optional<ValueInfo> info, String name) {
        return info.map(v -> name + " " + (v.dtype() == null ? "?" : v.dtype()) + (v.shape() == null ? "[?]"
                : v.shape())).orElse(name + " (no type information)");
    }

    private static String attribute(Object v) {
        if (v instanceof long[] a) {
            return java.util.Arrays.toString(a);
        }
        if (v instanceof float[] a) {
            return java.util.Arrays.toString(a);
        }
        if (v instanceof Tensor t) {
            return t.toString();
        }
        if (v instanceof Graph g) {
            return "graph '" + g.name() + "' with " + g.nodes().size() + " nodes";
        }
        return String.valueOf(v);
    }
}
