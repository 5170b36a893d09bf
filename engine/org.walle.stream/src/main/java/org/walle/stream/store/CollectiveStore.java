package org.walle.stream.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.walle.stream.internal.RecordLog;
import org.walle.stream.store.internal.StoreRecord;
import org.walle.stream.store.internal.StoreState;

/**
 * The key-value "collective storage" a device's tasks share. Each task owns a namespace; another task may read or
 * write it only after an explicit {@link TaskStore#grant}. Every write goes to a write-ahead log (checksummed
 * records, fsync before the call returns) and then to memory; when the log grows past a threshold the live state is
 * written as a snapshot and a new log generation starts. Values may carry a TTL; writes beyond the size caps are
 * refused. Thread-safe.
 *
 * <p>Files in the directory: {@code snapshot.dat} (first record names the log generation that follows it) and
 * {@code wal-<generation>.log}.
 */
public final class CollectiveStore implements AutoCloseable {
    static final int MAX_KEY_CHARS = 1024;
    private static final String SNAPSHOT = "snapshot.dat";

    private final Path dir;
    private final StoreOptions options;
    private final StoreState state = new StoreState();
    private RecordLog wal;
    private long generation;
    private long recoveredTailBytes;

    private CollectiveStore(Path dir, StoreOptions options) {
        this.dir = dir;
        this.options = options;
    }

    public static CollectiveStore open(Path dir) throws IOException {
        return open(dir, StoreOptions.defaults());
    }

    public static CollectiveStore open(Path dir, StoreOptions options) throws IOException {
        Files.createDirectories(dir);
        CollectiveStore store = new CollectiveStore(dir, options);
        store.recover();
        return store;
    }

    private void recover() throws IOException {
        Path snapshot = dir.resolve(SNAPSHOT);
        if (Files.exists(snapshot)) {
            // snapshots are complete by construction (written aside, then renamed), so any damage is corruption
            long[] gen = {-1};
            try (RecordLog log = RecordLog.open(snapshot, (offset, payload) -> {
                StoreRecord r = StoreRecord.decode(payload);
                if (r.op == StoreRecord.GENERATION) {
                    gen[0] = r.number;
                } else {
                    state.apply(r);
                }
            })) {
                if (gen[0] < 0 || log.droppedTailBytes() > 0) {
                    throw new org.walle.stream.internal.CorruptLogException(snapshot + ": incomplete snapshot");
                }
            }
            generation = gen[0];
        }
        wal = RecordLog.open(walFile(generation), (offset, payload) -> state.apply(StoreRecord.decode(payload)));
        recoveredTailBytes = wal.droppedTailBytes();
        deleteStaleLogs();
    }

    private Path walFile(long gen) {
        return dir.resolve("wal-" + gen + ".log");
    }

    private void deleteStaleLogs() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if ((name.startsWith("wal-") && !p.equals(walFile(generation))) || name.endsWith(".tmp")) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The view of {@code taskId}'s own namespace. */
    public TaskStore task(String taskId) {
        checkName(taskId, "task id");
        return new TaskStore(this, taskId, taskId);
    }

    static void checkName(String name, String what) {
        if (name == null || name.isEmpty() || name.length() > MAX_KEY_CHARS) {
            throw new IllegalArgumentException(what + " must have 1.." + MAX_KEY_CHARS + " characters");
        }
    }

    synchronized byte[] get(String actor, String owner, String key) {
        checkAccess(actor, owner, false);
        StoreState.Entry e = state.get(owner, key, now());
        return e == null ? null : e.value.clone();
    }

    synchronized List<String> keys(String actor, String owner) {
        checkAccess(actor, owner, false);
        return state.keys(owner, now());
    }

    synchronized void put(String actor, String owner, String key, byte[] value, long ttlMillis) {
        checkAccess(actor, owner, true);
        checkName(key, "key");
        if (value.length > options.maxValueBytes()) {
            throw new StoreFullException("value for '" + key + "' is " + value.length + " bytes; the cap is "
                    + options.maxValueBytes());
        }
        long now = now();
        long expiresAt = ttlMillis > 0 ? Math.addExact(now, ttlMillis) : 0;
        StoreState.Entry old = state.get(owner, key, now);
        long delta = StoreState.cost(key, value.length) - (old == null ? 0 : StoreState.cost(key, old.value.length));
        checkCaps(owner, delta, now);
        log(new StoreRecord(StoreRecord.PUT, owner, key, expiresAt, value.clone()));
    }

    /** Refuses a write that would exceed a cap, after giving expired entries the chance to make room. */
    private void checkCaps(String owner, long delta, long now) {
        if (delta <= 0) {
            return;
        }
        if (state.namespaceBytes(owner) + delta > options.maxNamespaceBytes()) {
            state.purgeExpired(owner, now);
            if (state.namespaceBytes(owner) + delta > options.maxNamespaceBytes()) {
                throw new StoreFullException("namespace '" + owner + "' would hold "
                        + (state.namespaceBytes(owner) + delta) + " bytes; its cap is " + options.maxNamespaceBytes());
            }
        }
        if (state.totalBytes() + delta > options.maxTotalBytes()) {
            state.purgeExpired(null, now);
            if (state.totalBytes() + delta > options.maxTotalBytes()) {
                throw new StoreFullException("the store would hold " + (state.totalBytes() + delta)
                        + " bytes; its cap is " + options.maxTotalBytes());
            }
        }
    }

    synchronized boolean delete(String actor, String owner, String key) {
        checkAccess(actor, owner, true);
        if (state.get(owner, key, now()) == null) {
            return false;
        }
        log(new StoreRecord(StoreRecord.DELETE, owner, key, 0, null));
        return true;
    }

    synchronized void grant(String owner, String grantee, Access access) {
        checkName(grantee, "task id");
        log(new StoreRecord(StoreRecord.GRANT, owner, grantee, access.ordinal(), null));
    }

    synchronized void revoke(String owner, String grantee) {
        log(new StoreRecord(StoreRecord.REVOKE, owner, grantee, 0, null));
    }

    private void checkAccess(String actor, String owner, boolean write) {
        if (actor.equals(owner)) {
            return;
        }
        int granted = state.grant(owner, actor);
        if (granted < 0 || (write && !Access.values()[granted].allowsWrite())) {
            throw new StoreAccessException("task '" + actor + "' may not " + (write ? "write" : "read")
                    + " the namespace of task '" + owner + "'" + (granted < 0 ? " (nothing granted)"
                    : " (granted " + Access.values()[granted] + ")"));
        }
    }

    /** Log first (durable), then memory: a write is never visible before it is acknowledged on disk. */
    private void log(StoreRecord record) {
        ensureOpen();
        try {
            wal.append(record.encode(), options.syncWrites());
        } catch (IOException e) {
            throw new UncheckedIOException("write-ahead log append failed; the write was not applied", e);
        }
        state.apply(record);
        if (wal.size() > options.compactAfterLogBytes()) {
            compact();
        }
    }

    /** Writes the live state as a snapshot and starts a fresh log generation. */
    public synchronized void compact() {
        ensureOpen();
        long next = generation + 1;
        Path tmp = dir.resolve(SNAPSHOT + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            List<byte[]> records = new ArrayList<>();
            records.add(new StoreRecord(StoreRecord.GENERATION, "", "", next, null).encode());
            state.toRecords(now()).forEach(r -> records.add(r.encode()));
            try (RecordLog snapshot = RecordLog.open(tmp, (o, p) -> { })) {
                snapshot.appendAll(records, true);
            }
            try {
                Files.move(tmp, dir.resolve(SNAPSHOT), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the store directory must support atomic rename: " + dir, e);
            }
            syncDirectory();
            RecordLog old = wal;
            wal = RecordLog.open(walFile(next), (o, p) -> { });
            generation = next;
            old.close();
            Files.deleteIfExists(old.file());
        } catch (IOException e) {
            throw new UncheckedIOException("compaction of " + dir + " failed; the old log stays in use", e);
        }
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot fsync a directory; the rename is still atomic there
        }
    }

    private long now() {
        return options.clock().getAsLong();
    }

    private void ensureOpen() {
        if (wal == null) {
            throw new IllegalStateException("the store at " + dir + " is closed");
        }
    }

    public synchronized int entryCount() {
        return state.entryCount();
    }

    public synchronized long totalBytes() {
        return state.totalBytes();
    }

    /** Bytes of torn log tail that opening dropped (unacknowledged writes cut by a crash). */
    public long recoveredTailBytes() {
        return recoveredTailBytes;
    }

    public synchronized long logBytes() {
        return wal == null ? 0 : wal.size();
    }

    @Override
    public synchronized void close() throws IOException {
        if (wal != null) {
            wal.close();
            wal = null;
        }
    }
}
