package org.walle.engine.onnx.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.walle.engine.exec.GraphExecutor;
import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.onnx.OnnxUnsupportedException;
import org.walle.engine.onnx.TensorProtos;
import org.walle.engine.tensor.Tensor;

/**
 * Runs one ONNX backend node test folder (model.onnx + test_data_set_N/input_K.pb, output_K.pb) through the
 * engine and judges the result. Each test runs on a daemon thread with a time limit so that a hanging kernel shows
 * up as a failure instead of stalling the build.
 */
final class NodeTestRunner implements AutoCloseable {
    private static final long TIME_LIMIT_SECONDS = 30;

    private ExecutorService current = newWorker();

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "onnx-node-test");
            t.setDaemon(true);
            return t;
        });
    }

    Outcome run(Path dir) {
        String test = dir.getFileName().toString();
        Future<Outcome> f = current.submit(() -> runNow(dir, test));
        try {
            return f.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            // the stuck thread may never return: continue on a fresh one
            current.shutdownNow();
            current = newWorker();
            return new Outcome(test, Outcome.Status.FAILED, "did not finish within " + TIME_LIMIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(test, Outcome.Status.FAILED, "interrupted");
        } catch (ExecutionException e) {
            return new Outcome(test, Outcome.Status.FAILED, "harness error: " + e.getCause());
        }
    }

    private static Outcome runNow(Path dir, String test) throws IOException {
        Graph graph;
        try {
            graph = OnnxImporter.load(dir.resolve("model.onnx"));
        } catch (OnnxUnsupportedException e) {
            return new Outcome(test, Outcome.Status.UNSUPPORTED_TYPE, e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(test, Outcome.Status.FAILED, "import: " + e);
        }
        List<Path> sets;
        try (Stream<Path> s = Files.list(dir)) {
            sets = s.filter(p -> p.getFileName().toString().startsWith("test_data_set_")).sorted().toList();
        }
        try {
            GraphExecutor executor = new GraphExecutor(graph);
            for (Path set : sets) {
                Optional<String> problem = runDataSet(graph, executor, set);
                if (problem.isPresent()) {
                    return new Outcome(test, Outcome.Status.FAILED, set.getFileName() + ": " + problem.get());
                }
            }
            return Outcome.passed(test);
        } catch (OnnxUnsupportedException e) {
            return new Outcome(test, Outcome.Status.UNSUPPORTED_TYPE, e.getMessage());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            if (Unsupported.isUnsupportedOp(e)) {
                return new Outcome(test, Outcome.Status.UNSUPPORTED_OP, e.getMessage());
            }
            return new Outcome(test, Outcome.Status.FAILED, "run: " + e);
        }
    }

    private static Optional<String> runDataSet(Graph graph, GraphExecutor executor, Path set) {
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        List<TensorProtos.NamedTensor> inputs = readAll(set, "input_");
        List<String> names = graph.inputs();
        if (inputs.size() != names.size()) {
            return Optional.of("test data has " + inputs.size() + " inputs, the graph " + names.size());
        }
        for (int i = 0; i < inputs.size(); i++) {
            String name = names.contains(inputs.get(i).name()) ? inputs.get(i).name() : names.get(i);
            feeds.put(name, inputs.get(i).tensor());
        }
        Map<String, Tensor> results = executor.run(feeds);
        List<TensorProtos.NamedTensor> expected = readAll(set, "output_");
        for (int i = 0; i < expected.size(); i++) {
            String name = graph.outputs().contains(expected.get(i).name()) ? expected.get(i).name()
                    : graph.outputs().get(i);
            Optional<String> diff = TensorComparator.compare(name, expected.get(i).tensor(), results.get(name));
            if (diff.isPresent()) {
                return diff;
            }
        }
        return Optional.empty();
    }

    private static List<TensorProtos.NamedTensor> readAll(Path set, String prefix) {
        List<TensorProtos.NamedTensor> out = new ArrayList<>();
        for (int i = 0; Files.exists(set.resolve(prefix + i + ".pb")); i++) {
            out.add(TensorProtos.read(set.resolve(prefix + i + ".pb")));
        }
        return out;
    }

    @Override
    public void close() {
        current.shutdownNow();
    }
}
