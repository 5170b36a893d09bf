package org.walle.engine.backend;

import java.util.function.Supplier;

/**
 * One way a backend can run one command: a name ("winograd-f4", "gemm-tiled mc=64 kc=256"), the work it does and
 * the time the backend's cost formula predicts. The execution is made only if the search picks it.
 */
public record Algorithm(String name, double flops, double estimatedSeconds, Supplier<Execution> factory) {
    public Execution create() {
        return factory.get();
    }
}
