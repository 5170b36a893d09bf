package org.walle.stream.tunnel.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The tunnel's wire format inside TLS: {@code [byte type][int length][body]}.
 * <ul>
 * <li>HELLO (device to cloud): device id, stream id. Answered by ACK with the stream's stored watermark.</li>
 * <li>BATCH: first sequence number, message count, then the messages ({@code int length, bytes}) deflated.</li>
 * <li>ACK (cloud to device): the highest sequence number stored durably; everything up to it is acknowledged.</li>
 * </ul>
 */
public final class Frames {
    public static final byte HELLO = 1;
    public static final byte BATCH = 2;
    public static final byte ACK = 3;
    /** Refuse bigger frames: a hostile or confused peer must not make us allocate gigabytes. */
    public static final int MAX_FRAME_BYTES = 16 << 20;

    private Frames() {
    }

    public static void write(DataOutputStream out, byte type, byte[] body) throws IOException {
        out.writeByte(type);
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    /** Reads one frame; EOFException when the peer closed the connection. */
    public static Frame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed");
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new IOException("frame length " + length + " outside 0.." + MAX_FRAME_BYTES);
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return new Frame((byte) type, body);
    }

    public static byte[] hello(String deviceId, String streamId) {
        return bytes(out -> {
            out.writeUTF(deviceId);
            out.writeUTF(streamId);
        });
    }

    public static byte[] ack(long watermark) {
        return bytes(out -> out.writeLong(watermark));
    }

    /** Encodes consecutive messages starting at {@code firstSeq}, deflated as one block. */
    public static byte[] batch(long firstSeq, List<byte[]> messages) {
        byte[] raw = bytes(out -> {
            for (byte[] m : messages) {
                out.writeInt(m.length);
                out.write(m);
            }
        });
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] chunk = new byte[64 * 1024];
            while (!deflater.finished()) {
                compressed.write(chunk, 0, deflater.deflate(chunk));
            }
            byte[] packed = compressed.toByteArray();
            return bytes(out -> {
                out.writeLong(firstSeq);
                out.writeInt(messages.size());
                out.writeInt(raw.length);
                out.write(packed);
            });
        } finally {
            deflater.end();
        }
    }

    /** Decodes a BATCH body; throws IOException naming what is malformed. */
    public static Batch decodeBatch(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body));
        long firstSeq = in.readLong();
        int count = in.readInt();
        int rawLength = in.readInt();
        if (firstSeq < 1 || count < 1 || rawLength < 4 * count || rawLength > MAX_FRAME_BYTES * 8) {
            throw new IOException("malformed batch header: seq " + firstSeq + ", " + count + " messages, "
                    + rawLength + " bytes");
        }
        byte[] raw = new byte[rawLength];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body, 16, body.length - 16);
            int n = 0;
            while (n < rawLength && !inflater.finished()) {
                int got = inflater.inflate(raw, n, rawLength - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != rawLength) {
                throw new IOException("batch inflated to " + n + " bytes, header said " + rawLength);
            }
        } catch (DataFormatException e) {
            throw new IOException("batch is not valid deflate data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        DataInputStream messages = new DataInputStream(new java.io.ByteArrayInputStream(raw));
        List<byte[]> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = messages.readInt();
            if (length < 0 || length > rawLength) {
                throw new IOException("message " + i + " of batch claims " + length + " bytes");
            }
            byte[] m = new byte[length];
            messages.readFully(m);
            list.add(m);
        }
        return new Batch(firstSeq, list);
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.write(out);
        } catch (IOException e) {
            throw new IllegalStateException(e); // in-memory streams do not fail
        }
        return bytes.toByteArray();
    }

    /** A frame as read from the wire. */
    public static final class Frame {
        public final byte type;
        public final byte[] body;

        Frame(byte type, byte[] body) {
            this.type = type;
            this.body = body;
        }
    }

    /** Decoded BATCH: messages with sequence numbers firstSeq, firstSeq+1, ... */
    public static final class Batch {
        public final long firstSeq;
        public final List<byte[]> messages;

        Batch(long firstSeq, List<byte[]> messages) {
            this.firstSeq = firstSeq;
            this.messages = messages;
        }
    }
}
