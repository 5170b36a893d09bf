package org.walle.engine.backend;

/** How a backend is set up for one session. */
public record BackendConfig(int threads) {
    public BackendConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    public static BackendConfig defaults() {
        return new BackendConfig(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
}
