package org.walle.device;

/** Where a device sends its tasks' outputs and features: the stream tunnel, or nowhere. */
public interface OutputUplink extends AutoCloseable {
    OutputUplink NONE = (deviceId, payload) -> {
    };

    /** Queues one message; may block while the uplink is full. */
    void send(String deviceId, byte[] payload) throws InterruptedException;

    /** Waits until everything sent so far is acknowledged; false on timeout. */
    default boolean flush(long timeoutMillis) throws InterruptedException {
        return true;
    }

    @Override
    default void close() throws Exception {
    }
}
