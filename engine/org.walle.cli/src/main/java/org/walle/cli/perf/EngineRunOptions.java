package org.walle.cli.perf;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.walle.cli.model.InputSpecs;
import org.walle.engine.backend.Backends;
import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.Tensor;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The model, its inputs and the backend choices shared by {@code bench}, {@code search} and {@code profile}. */
public final class EngineRunOptions {
    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
    Path model;

    @Option(names = "--input", paramLabel = "NAME=FILE.npy|random",
            description = "a value for a model input (default: random for every input)")
    Map<String, String> inputs = new LinkedHashMap<>();

    @Option(names = "--shape", paramLabel = "NAME=D0,D1,...",
            description = "the shape of a random input (dynamic dimensions default to 1)")
    Map<String, String> shapes = new LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "1", description = "seed of random inputs (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--backend", defaultValue = Backends.AUTO, paramLabel = "NAME",
            description = "auto (the search chooses) or a backend: cpu-ref, cpu-simd, opencl (default ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--threads", paramLabel = "N", description = "threads of the CPU backends (default: all cores)")
    Integer threads;

    @Option(names = "--algorithm", paramLabel = "NAME",
            description = "prefer this algorithm wherever offered, e.g. winograd-f4, im2col, strassen")
    String algorithm;

    @Option(names = "--pin", paramLabel = "NODE=BACKEND", description = "run one graph node on a given backend")
    Map<String, String> nodeBackends = new LinkedHashMap<>();

    @Option(names = "--pin-algorithm", paramLabel = "NODE=ALGORITHM", description = "use an algorithm for one node")
    Map<String, String> nodeAlgorithms = new LinkedHashMap<>();

    Graph graph() {
        return OnnxImporter.load(model);
    }

    Map<String, Tensor> feeds(Graph graph) {
        Map<String, String> specs = new LinkedHashMap<>(inputs);
        for (String in : graph.inputs()) {
            if (!graph.initializers().containsKey(in)) {
                specs.putIfAbsent(in, "random");
            }
        }
        return InputSpecs.feeds(graph, specs, shapes, seed);
    }

    SessionOptions sessionOptions() {
        SessionOptions o = SessionOptions.defaults().withBackend(backend).withAlgorithm(algorithm);
        if (threads != null) {
            o = o.withThreads(threads);
        }
        for (Map.Entry<String, String> e : nodeBackends.entrySet()) {
            o = o.pinNodeBackend(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : nodeAlgorithms.entrySet()) {
            o = o.pinNodeAlgorithm(e.getKey(), e.getValue());
        }
        return o;
    }

    int threadCount() {
        return sessionOptions().threads();
    }
}
