package org.walle.stream.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.zip.CRC32C;

/**
 * An append-only file of checksummed records: {@code [int length][int crc32c(payload)][payload]}. Opening replays
 * every record. A record cut short by a crash at the end of the file (a torn tail, or zeros the file system left
 * after it) is dropped and the file truncated there; a bad record followed by real data is corruption and opening
 * fails with the file name and offset instead of silently losing acknowledged data.
 */
public final class RecordLog implements AutoCloseable {
    /** Larger lengths can only come from damage; refusing them keeps a bad header from allocating gigabytes. */
    public static final int MAX_RECORD_BYTES = 64 << 20;
    private static final int HEADER = 8;

    private final Path file;
    private final FileChannel channel;
    private long size;
    private long droppedTailBytes;

    private RecordLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating if needed) and feeds each intact record with its file offset to {@code replay}. */
    public static RecordLog open(Path file, BiConsumer<Long, byte[]> replay) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        RecordLog log = new RecordLog(file, channel);
        try {
            log.recover(replay);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return log;
    }

    private void recover(BiConsumer<Long, byte[]> replay) throws IOException {
        long end = channel.size();
        long offset = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (offset < end) {
            String problem = null;
            byte[] payload = null;
            if (end - offset < HEADER) {
                problem = "truncated header";
            } else {
                header.clear();
                readFully(header, offset);
                int length = header.getInt(0);
                int crc = header.getInt(4);
                if (length <= 0 || length > MAX_RECORD_BYTES) {
                    problem = "bad record length " + length;
                } else if (end - offset - HEADER < length) {
                    problem = "record of " + length + " bytes cut short";
                } else {
                    ByteBuffer body = ByteBuffer.allocate(length);
                    readFully(body, offset + HEADER);
                    payload = body.array();
                    if (crc32c(payload) != crc) {
                        problem = "checksum mismatch";
                    }
                }
            }
            if (problem != null) {
                if (!onlyZerosOrShortRecordFrom(offset, end, problem)) {
                    throw new CorruptLogException(file + ": " + problem + " at offset " + offset + " of " + end
                            + " with intact-looking data after it; refusing to drop acknowledged records");
                }
                droppedTailBytes = end - offset;
                channel.truncate(offset);
                channel.force(true);
                break;
            }
            replay.accept(offset, payload);
            offset += HEADER + payload.length;
        }
        size = offset;
        channel.position(size);
    }

    /** A torn tail is a record that runs past the end of the file, or a damaged last record, or trailing zeros. */
    private boolean onlyZerosOrShortRecordFrom(long offset, long end, String problem) throws IOException {
        if (problem.startsWith("truncated header") || problem.contains("cut short")) {
            return true;
        }
        if (problem.equals("checksum mismatch")) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            readFully(header, offset);
            if (offset + HEADER + header.getInt(0) == end) {
                return true; // the very last record: its payload write was torn
            }
        }
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        for (long pos = offset; pos < end; pos += chunk.capacity()) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), end - pos));
            readFully(chunk, pos);
            for (int i = 0; i < chunk.limit(); i++) {
                if (chunk.get(i) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, pos);
            if (n < 0) {
                throw new IOException(file + ": unexpected end of file at " + pos);
            }
            pos += n;
        }
    }

    /** Appends one record; with {@code sync} it is on stable storage when this returns. Returns its offset. */
    public synchronized long append(byte[] payload, boolean sync) throws IOException {
        return appendAll(List.of(payload), sync);
    }

    /** Appends records in one write (one fsync for the batch); returns the offset of the first. */
    public synchronized long appendAll(List<byte[]> payloads, boolean sync) throws IOException {
        int total = 0;
        for (byte[] p : payloads) {
            if (p.length == 0 || p.length > MAX_RECORD_BYTES) {
                throw new IllegalArgumentException("record size must be 1.." + MAX_RECORD_BYTES + " bytes, got "
                        + p.length);
            }
            total += HEADER + p.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        for (byte[] p : payloads) {
            buffer.putInt(p.length).putInt(crc32c(p)).put(p);
        }
        buffer.flip();
        long start = size;
        while (buffer.hasRemaining()) {
            channel.write(buffer, size + buffer.position());
        }
        size += total;
        if (sync) {
            channel.force(false);
        }
        return start;
    }

    /** Reads the payload of the record at {@code offset} (as returned by append or replay). */
    public byte[] read(long offset) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(header, offset);
        ByteBuffer body = ByteBuffer.allocate(header.getInt(0));
        readFully(body, offset + HEADER);
        if (crc32c(body.array()) != header.getInt(4)) {
            throw new CorruptLogException(file + ": checksum mismatch at offset " + offset);
        }
        return body.array();
    }

    public synchronized void sync() throws IOException {
        channel.force(false);
    }

    public synchronized long size() {
        return size;
    }

    /** Bytes of torn tail that opening dropped (0 after a clean shutdown). */
    public long droppedTailBytes() {
        return droppedTailBytes;
    }

    public Path file() {
        return file;
    }

    static int crc32c(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel.isOpen()) {
            channel.force(false);
            channel.close();
        }
    }
}
