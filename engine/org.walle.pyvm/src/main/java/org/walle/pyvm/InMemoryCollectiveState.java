package org.walle.pyvm;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A thread-safe, non-persistent {@link CollectiveState}. */
public final class InMemoryCollectiveState implements CollectiveState {
    private final ConcurrentMap<String, Object> values = new ConcurrentHashMap<>();

    @Override
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, Object value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    @Override
    public boolean remove(String key) {
        return values.remove(key) != null;
    }

    @Override
    public Set<String> keys(String prefix) {
        Set<String> out = new TreeSet<>();
        values.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(out::add);
        return out;
    }
}
