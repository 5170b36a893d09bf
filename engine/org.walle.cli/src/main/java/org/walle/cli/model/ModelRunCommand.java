package org.walle.cli.model;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.walle.engine.exec.GraphExecutor;
import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.Npy;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.tensor.Tensor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code walle run model.onnx --input x=in.npy --output out/}: runs an ONNX model on the reference engine. */
@Command(name = "run", description = "Run an ONNX model on the engine; writes one .npy file per output.")
public final class ModelRunCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
    Path model;

    @Option(names = "--input", paramLabel = "NAME=FILE.npy|random",
            description = "a value for one model input: a .npy file or 'random'")
    Map<String, String> inputs = new LinkedHashMap<>();

    @Option(names = "--shape", paramLabel = "NAME=D0,D1,...",
            description = "the shape of a random input (dynamic dimensions default to 1)")
    Map<String, String> shapes = new LinkedHashMap<>();

    @Option(names = "--seed", description = "seed of random inputs (default ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--output", paramLabel = "DIR", required = true, description = "folder for the output .npy files")
    Path output;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Graph graph = OnnxImporter.load(model);
        out.println("loaded " + model.getFileName() + ": " + graph.nodes().size() + " nodes, inputs "
                + graph.inputs() + ", outputs " + graph.outputs());
        Map<String, Tensor> feeds = InputSpecs.feeds(graph, inputs, shapes, seed);
        feeds.forEach((name, t) -> out.println("input " + name + " " + t.getDType() + t.getShape()));
        out.println("running...");
        long start = System.nanoTime();
        Map<String, Tensor> results = new GraphExecutor(graph).run(feeds);
        out.printf("ran in %.1f ms%n", (System.nanoTime() - start) / 1e6);
        try {
            Files.createDirectories(output);
            for (Map.Entry<String, Tensor> e : results.entrySet()) {
                Path file = output.resolve(fileName(e.getKey()));
                Npy.write(file, e.getValue());
                out.println("wrote " + file + " " + e.getValue().getDType() + e.getValue().getShape());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + output + ": " + e.getMessage(), e);
        }
    }

    /** Output names may hold '/' or ':' (exporters use scope paths); keep file names plain. */
    static String fileName(String outputName) {
        String plain = outputName.replaceAll("[^A-Za-z0-9._-]", "_");
        return (plain.isEmpty() || plain.startsWith(".") ? "_" + plain : plain) + ".npy";
    }
}
