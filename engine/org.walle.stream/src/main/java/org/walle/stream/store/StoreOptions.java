package org.walle.stream.store;

import java.util.function.LongSupplier;

/** Caps, durability and compaction settings of a {@link CollectiveStore}. Immutable; use the {@code with} methods. */
public final class StoreOptions {
    private final long maxValueBytes;
    private final long maxNamespaceBytes;
    private final long maxTotalBytes;
    private final long compactAfterLogBytes;
    private final boolean syncWrites;
    private final LongSupplier clock;

    private StoreOptions(long maxValueBytes, long maxNamespaceBytes, long maxTotalBytes, long compactAfterLogBytes,
            boolean syncWrites, LongSupplier clock) {
        this.maxValueBytes = positive(maxValueBytes, "maxValueBytes");
        this.maxNamespaceBytes = positive(maxNamespaceBytes, "maxNamespaceBytes");
        this.maxTotalBytes = positive(maxTotalBytes, "maxTotalBytes");
        this.compactAfterLogBytes = positive(compactAfterLogBytes, "compactAfterLogBytes");
        this.syncWrites = syncWrites;
        this.clock = clock;
    }

    private static long positive(long v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
        return v;
    }

    /** 1 MiB per value, 16 MiB per task, 64 MiB in total, compaction after 8 MiB of log, fsync on every write. */
    public static StoreOptions defaults() {
        return new StoreOptions(1 << 20, 16 << 20, 64 << 20, 8 << 20, true, System::currentTimeMillis);
    }

    public StoreOptions withMaxValueBytes(long v) {
        return new StoreOptions(v, maxNamespaceBytes, maxTotalBytes, compactAfterLogBytes, syncWrites, clock);
    }

    public StoreOptions withMaxNamespaceBytes(long v) {
        return new StoreOptions(maxValueBytes, v, maxTotalBytes, compactAfterLogBytes, syncWrites, clock);
    }

    public StoreOptions withMaxTotalBytes(long v) {
        return new StoreOptions(maxValueBytes, maxNamespaceBytes, v, compactAfterLogBytes, syncWrites, clock);
    }

    public StoreOptions withCompactAfterLogBytes(long v) {
        return new StoreOptions(maxValueBytes, maxNamespaceBytes, maxTotalBytes, v, syncWrites, clock);
    }

    /** Without sync a write is acknowledged once in the OS cache: it survives a process kill, not a power cut. */
    public StoreOptions withSyncWrites(boolean v) {
        return new StoreOptions(maxValueBytes, maxNamespaceBytes, maxTotalBytes, compactAfterLogBytes, v, clock);
    }

    /** The clock TTLs are measured against (epoch milliseconds); tests pass a fake one. */
    public StoreOptions withClock(LongSupplier v) {
        return new StoreOptions(maxValueBytes, maxNamespaceBytes, maxTotalBytes, compactAfterLogBytes, syncWrites, v);
    }

    public long maxValueBytes() {
        return maxValueBytes;
    }

    public long maxNamespaceBytes() {
        return maxNamespaceBytes;
    }

    public long maxTotalBytes() {
        return maxTotalBytes;
    }

    public long compactAfterLogBytes() {
        return compactAfterLogBytes;
    }

    public boolean syncWrites() {
        return syncWrites;
    }

    public LongSupplier clock() {
        return clock;
    }
}
