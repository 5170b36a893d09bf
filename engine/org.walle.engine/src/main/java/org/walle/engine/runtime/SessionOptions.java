package org.walle.engine.runtime;

import java.util.HashMap;
import java.util.Map;

import org.walle.engine.backend.BackendConfig;
import org.walle.engine.backend.Backends;

/**
 * How a session chooses where commands run. {@code backend} is {@link Backends#AUTO} (the search picks the cheapest
 * backend for the whole graph) or a backend name (pinned for the graph; ops it lacks still fall back to the CPU).
 * {@code algorithm}, when set, is preferred for every command that offers it (e.g. "winograd-f4"). Node pins
 * override both for one graph node: its commands run on that backend or with that algorithm when possible.
 */
public record SessionOptions(String backend, String algorithm, int threads, Map<String, String> nodeBackends,
        Map<String, String> nodeAlgorithms, boolean verticalMerge) {
    public SessionOptions {
        nodeBackends = Map.copyOf(nodeBackends);
        nodeAlgorithms = Map.copyOf(nodeAlgorithms);
        new BackendConfig(threads); // validates
    }

    public static SessionOptions defaults() {
        return new SessionOptions(Backends.AUTO, null, BackendConfig.defaults().threads(), Map.of(), Map.of(), true);
    }

    public SessionOptions withBackend(String name) {
        return new SessionOptions(name, algorithm, threads, nodeBackends, nodeAlgorithms, verticalMerge);
    }

    public SessionOptions withAlgorithm(String name) {
        return new SessionOptions(backend, name, threads, nodeBackends, nodeAlgorithms, verticalMerge);
    }

    public SessionOptions withThreads(int count) {
        return new SessionOptions(backend, algorithm, count, nodeBackends, nodeAlgorithms, verticalMerge);
    }

    public SessionOptions withVerticalMerge(boolean merge) {
        return new SessionOptions(backend, algorithm, threads, nodeBackends, nodeAlgorithms, merge);
    }

    public SessionOptions pinNodeBackend(String node, String backendName) {
        Map<String, String> pins = new HashMap<>(nodeBackends);
        pins.put(node, backendName);
        return new SessionOptions(backend, algorithm, threads, pins, nodeAlgorithms, verticalMerge);
    }

    public SessionOptions pinNodeAlgorithm(String node, String algorithmName) {
        Map<String, String> pins = new HashMap<>(nodeAlgorithms);
        pins.put(node, algorithmName);
        return new SessionOptions(backend, algorithm, threads, nodeBackends, pins, verticalMerge);
    }
}
