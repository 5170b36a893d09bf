package org.walle.pyvm;

import java.util.Map;

import org.walle.engine.graph.Graph;
import org.walle.engine.tensor.Tensor;

/**
 * How {@code walle.model} runs a graph: scripts choose a backend by name ({@code walle.model.load(name,
 * backend="reference")}). The VM ships {@code reference} (the engine's {@code GraphExecutor}); hosts add more.
 */
public interface ModelBackend {
    String name();

    /** Prepares a graph once; the returned runner is called for every {@code model.run(...)}. */
    Runner prepare(Graph graph);

    @FunctionalInterface
    interface Runner {
        Map<String, Tensor> run(Map<String, Tensor> feeds);
    }
}
