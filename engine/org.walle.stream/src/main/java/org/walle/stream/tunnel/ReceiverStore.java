package org.walle.stream.tunnel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.walle.stream.internal.RecordLog;

/**
 * The receiving side's durable store: an append-only checksummed log of messages plus an in-memory index. Each
 * (device, stream) has a watermark, the highest sequence number stored; a message is stored only if it is the next
 * one, so retransmissions are dropped here and the store holds every message exactly once. Thread-safe.
 */
public final class ReceiverStore implements AutoCloseable {
    private final RecordLog log;
    private final Map<String, Long> watermarks = new HashMap<>();
    private final Map<String, List<long[]>> byDevice = new HashMap<>(); // device -> {sequence, offset}
    private long duplicatesDropped;

    private ReceiverStore(Path file) throws IOException {
        this.log = RecordLog.open(file, (offset, payload) -> index(offset, decode(payload)));
    }

    public static ReceiverStore open(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new ReceiverStore(dir.resolve("messages.log"));
    }

    private void index(long offset, StoredMessage m) {
        watermarks.put(streamKey(m.deviceId(), m.streamId()), m.sequence());
        byDevice.computeIfAbsent(m.deviceId(), k -> new ArrayList<>()).add(new long[] {m.sequence(), offset});
    }

    private static String streamKey(String deviceId, String streamId) {
        return deviceId + '\u0000' + streamId;
    }

    /** Highest sequence number stored for the stream (0 when none). */
    public synchronized long watermark(String deviceId, String streamId) {
        return watermarks.getOrDefault(streamKey(deviceId, streamId), 0L);
    }

    /**
     * Stores the messages {@code firstSeq, firstSeq+1, ...} that are new, durably (one fsync), and returns the new
     * watermark. Already stored ones are counted as duplicates; a batch that starts beyond the watermark + 1 (a
     * gap) stores nothing, because the sender will retransmit from the watermark.
     */
    public synchronized long store(String deviceId, String streamId, long firstSeq, List<byte[]> messages)
            throws IOException {
        long mark = watermark(deviceId, streamId);
        List<byte[]> records = new ArrayList<>();
        List<StoredMessage> accepted = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            long seq = firstSeq + i;
            if (seq <= mark) {
                duplicatesDropped++;
            } else if (seq == mark + 1) {
                StoredMessage m = new StoredMessage(deviceId, streamId, seq, messages.get(i));
                accepted.add(m);
                records.add(encode(m));
                mark = seq;
            } else {
                break; // gap
            }
        }
        if (!records.isEmpty()) {
            long offset = log.appendAll(records, true);
            for (int i = 0; i < accepted.size(); i++) {
                index(offset, accepted.get(i));
                offset += 8 + records.get(i).length;
            }
        }
        return mark;
    }

    /** Number of messages stored for a device (over all its streams). */
    public synchronized int count(String deviceId) {
        return byDevice.getOrDefault(deviceId, List.of()).size();
    }

    public synchronized int count() {
        return byDevice.values().stream().mapToInt(List::size).sum();
    }

    public synchronized List<String> devices() {
        return new ArrayList<>(new TreeSet<>(byDevice.keySet()));
    }

    /** A device's messages in arrival order, {@code limit} at most, skipping the first {@code from}. */
    public synchronized List<StoredMessage> messages(String deviceId, int from, int limit) {
        List<long[]> index = byDevice.getOrDefault(deviceId, List.of());
        List<StoredMessage> result = new ArrayList<>();
        for (int i = Math.max(0, from); i < index.size() && result.size() < limit; i++) {
            try {
                result.add(decode(log.read(index.get(i)[1])));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return result;
    }

    /** Retransmitted messages dropped since this store was opened. */
    public synchronized long duplicatesDropped() {
        return duplicatesDropped;
    }

    private static byte[] encode(StoredMessage m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(m.payload().length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(m.deviceId());
            out.writeUTF(m.streamId());
            out.writeLong(m.sequence());
            out.write(m.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static StoredMessage decode(byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            String device = in.readUTF();
            String stream = in.readUTF();
            long seq = in.readLong();
            return new StoredMessage(device, stream, seq, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("malformed message record", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        log.close();
    }
}
