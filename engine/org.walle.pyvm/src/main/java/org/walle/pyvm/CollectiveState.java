package org.walle.pyvm;

import java.util.Optional;
import java.util.Set;

/**
 * The collective key-value storage tasks share on a device to keep and reuse intermediate features. Values are
 * JSON-like Java objects (String, Long, Double, Boolean, List, Map with String keys, null) or engine
 * {@code Tensor}s. Implementations must be thread-safe: tasks run in parallel. The stream module provides the
 * persistent one; {@link InMemoryCollectiveState} serves tests and the CLI.
 */
public interface CollectiveState {
    Optional<Object> get(String key);

    void put(String key, Object value);

    /** Returns whether the key was present. */
    boolean remove(String key);

    /** Keys starting with the prefix, sorted. */
    Set<String> keys(String prefix);
}
