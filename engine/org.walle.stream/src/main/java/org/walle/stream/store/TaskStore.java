package org.walle.stream.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One task's handle on the collective storage: its own namespace, or (through {@link #shared}) another task's
 * namespace under the access that task granted. Every write is durable when the call returns.
 */
public final class TaskStore {
    private final CollectiveStore store;
    private final String actor;
    private final String owner;

    TaskStore(CollectiveStore store, String actor, String owner) {
        this.store = store;
        this.actor = actor;
        this.owner = owner;
    }

    /** The task acting through this handle. */
    public String taskId() {
        return actor;
    }

    /** The namespace this handle reads and writes. */
    public String namespace() {
        return owner;
    }

    /** The value, or null when absent or expired. */
    public byte[] get(String key) {
        return store.get(actor, owner, key);
    }

    public Optional<String> getString(String key) {
        byte[] v = get(key);
        return v == null ? Optional.empty() : Optional.of(new String(v, StandardCharsets.UTF_8));
    }

    public void put(String key, byte[] value) {
        store.put(actor, owner, key, value, 0);
    }

    /** Stores a value that disappears {@code ttl} after this call. */
    public void put(String key, byte[] value, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        store.put(actor, owner, key, value, ttl.toMillis());
    }

    public void putString(String key, String value) {
        put(key, value.getBytes(StandardCharsets.UTF_8));
    }

    public boolean delete(String key) {
        return store.delete(actor, owner, key);
    }

    /** Live keys in sorted order. */
    public List<String> keys() {
        return store.keys(actor, owner);
    }

    /** Lets {@code otherTask} use this task's namespace (only the owner may grant). */
    public void grant(String otherTask, Access access) {
        requireOwner("grant");
        store.grant(owner, otherTask, access);
    }

    public void revoke(String otherTask) {
        requireOwner("revoke");
        store.revoke(owner, otherTask);
    }

    /** This task's view of {@code ownerTask}'s namespace; each call checks the grant at that moment. */
    public TaskStore shared(String ownerTask) {
        CollectiveStore.checkName(ownerTask, "task id");
        return new TaskStore(store, actor, ownerTask);
    }

    private void requireOwner(String what) {
        if (!actor.equals(owner)) {
            throw new StoreAccessException("task '" + actor + "' cannot " + what + " on the namespace of '" + owner
                    + "'");
        }
    }
}
