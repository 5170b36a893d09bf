package org.walle.stream.tunnel;

/** A message as the receiver stored it: who sent it, in which sender stream, its sequence number, its bytes. */
public final class StoredMessage {
    private final String deviceId;
    private final String streamId;
    private final long sequence;
    private final byte[] payload;

    StoredMessage(String deviceId, String streamId, long sequence, byte[] payload) {
        this.deviceId = deviceId;
        this.streamId = streamId;
        this.sequence = sequence;
        this.payload = payload;
    }

    public String deviceId() {
        return deviceId;
    }

    public String streamId() {
        return streamId;
    }

    public long sequence() {
        return sequence;
    }

    public byte[] payload() {
        return payload.clone();
    }
}
