package org.walle.stream.store.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-memory contents of the store: per-namespace entries with byte accounting, and the grants. Applying the
 * same records in the same order always gives the same state, which is what log replay relies on.
 */
public final class StoreState {
    /** Bytes charged per entry besides key and value, so millions of empty values still hit the caps. */
    static final int ENTRY_OVERHEAD = 32;

    private final Map<String, Map<String, Entry>> namespaces = new HashMap<>();
    private final Map<String, Long> namespaceBytes = new HashMap<>();
    private final Map<String, Map<String, Byte>> grants = new HashMap<>();
    private long totalBytes;

    public void apply(StoreRecord r) {
        switch (r.op) {
            case StoreRecord.PUT:
                put(r.namespace, r.key, r.value, r.number);
                break;
            case StoreRecord.DELETE:
                remove(r.namespace, r.key);
                break;
            case StoreRecord.GRANT:
                grants.computeIfAbsent(r.namespace, k -> new HashMap<>()).put(r.key, (byte) r.number);
                break;
            case StoreRecord.REVOKE:
                Map<String, Byte> g = grants.get(r.namespace);
                if (g != null) {
                    g.remove(r.key);
                }
                break;
            default:
                break; // GENERATION is read by the opener
        }
    }

    private void put(String ns, String key, byte[] value, long expiresAt) {
        remove(ns, key);
        namespaces.computeIfAbsent(ns, k -> new HashMap<>()).put(key, new Entry(value, expiresAt));
        charge(ns, cost(key, value.length));
    }

    /** Removes an entry; returns whether it existed. */
    public boolean remove(String ns, String key) {
        Map<String, Entry> entries = namespaces.get(ns);
        Entry old = entries == null ? null : entries.remove(key);
        if (old == null) {
            return false;
        }
        charge(ns, -cost(key, old.value.length));
        if (entries.isEmpty()) {
            namespaces.remove(ns);
        }
        return true;
    }

    private void charge(String ns, long delta) {
        long now = namespaceBytes.getOrDefault(ns, 0L) + delta;
        if (now == 0) {
            namespaceBytes.remove(ns);
        } else {
            namespaceBytes.put(ns, now);
        }
        totalBytes += delta;
    }

    public static long cost(String key, int valueLength) {
        return ENTRY_OVERHEAD + key.getBytes(StandardCharsets.UTF_8).length + (long) valueLength;
    }

    /** The live entry or null; an expired one is dropped on the way. */
    public Entry get(String ns, String key, long now) {
        Map<String, Entry> entries = namespaces.get(ns);
        Entry e = entries == null ? null : entries.get(key);
        if (e != null && e.expired(now)) {
            remove(ns, key);
            return null;
        }
        return e;
    }

    /** Drops every expired entry of {@code ns} (all namespaces when null); returns how many. */
    public int purgeExpired(String ns, long now) {
        List<String[]> doomed = new ArrayList<>();
        namespaces.forEach((name, entries) -> {
            if (ns == null || ns.equals(name)) {
                entries.forEach((k, e) -> {
                    if (e.expired(now)) {
                        doomed.add(new String[] {name, k});
                    }
                });
            }
        });
        doomed.forEach(d -> remove(d[0], d[1]));
        return doomed.size();
    }

    public List<String> keys(String ns, long now) {
        purgeExpired(ns, now);
        return new ArrayList<>(new TreeMap<>(namespaces.getOrDefault(ns, Map.of())).keySet());
    }

    public long namespaceBytes(String ns) {
        return namespaceBytes.getOrDefault(ns, 0L);
    }

    public long totalBytes() {
        return totalBytes;
    }

    public int entryCount() {
        return namespaces.values().stream().mapToInt(Map::size).sum();
    }

    /** Granted access ordinal of grantee on owner's namespace, or -1. */
    public int grant(String owner, String grantee) {
        Byte b = grants.getOrDefault(owner, Map.of()).get(grantee);
        return b == null ? -1 : b;
    }

    /** Every record needed to rebuild this state (for a snapshot), expired entries left out. */
    public List<StoreRecord> toRecords(long now) {
        List<StoreRecord> records = new ArrayList<>();
        namespaces.forEach((ns, entries) -> entries.forEach((k, e) -> {
            if (!e.expired(now)) {
                records.add(new StoreRecord(StoreRecord.PUT, ns, k, e.expiresAt, e.value));
            }
        }));
        grants.forEach((owner, g) -> g.forEach((grantee, access) -> records.add(
                new StoreRecord(StoreRecord.GRANT, owner, grantee, access, null))));
        return records;
    }

    /** A value with its absolute expiry (0 = never). */
    public static final class Entry {
        public final byte[] value;
        public final long expiresAt;

        Entry(byte[] value, long expiresAt) {
            this.value = value;
            this.expiresAt = expiresAt;
        }

        boolean expired(long now) {
            return expiresAt != 0 && now >= expiresAt;
        }
    }
}
