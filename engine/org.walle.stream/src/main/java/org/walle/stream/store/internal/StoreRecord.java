package org.walle.stream.store.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One write-ahead-log (and snapshot) record. {@code PUT ns key expiresAt value}, {@code DELETE ns key},
 * {@code GRANT owner grantee access}, {@code REVOKE owner grantee}, {@code GENERATION n} (first record of a
 * snapshot: which log generation continues it).
 */
public final class StoreRecord {
    public static final byte PUT = 1;
    public static final byte DELETE = 2;
    public static final byte GRANT = 3;
    public static final byte REVOKE = 4;
    public static final byte GENERATION = 5;

    public final byte op;
    public final String namespace;
    public final String key;
    public final long number;
    public final byte[] value;

    public StoreRecord(byte op, String namespace, String key, long number, byte[] value) {
        this.op = op;
        this.namespace = namespace;
        this.key = key;
        this.number = number;
        this.value = value;
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + (value == null ? 0 : value.length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(op);
            out.writeUTF(namespace);
            out.writeUTF(key);
            out.writeLong(number);
            out.writeInt(value == null ? -1 : value.length);
            if (value != null) {
                out.write(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a record whose checksum already passed; a bad layout means a bug or a foreign file. */
    public static StoreRecord decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte op = in.readByte();
            if (op < PUT || op > GENERATION) {
                throw new IllegalArgumentException("unknown store record type " + op);
            }
            String namespace = in.readUTF();
            String key = in.readUTF();
            long number = in.readLong();
            int length = in.readInt();
            byte[] value = null;
            if (length >= 0) {
                value = new byte[length];
                in.readFully(value);
            }
            return new StoreRecord(op, namespace, key, number, value);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed store record: " + e, e);
        }
    }
}
