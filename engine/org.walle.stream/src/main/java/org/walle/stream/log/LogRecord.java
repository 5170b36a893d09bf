package org.walle.stream.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One record of the device event log: a one-byte kind followed by UTF-8 text (an event as JSON, a trigger as a
 * triggers.json document, a trigger id, or a match key).
 */
final class LogRecord {
    static final byte EVENT = 1;
    static final byte TRIGGER_ADDED = 2;
    static final byte TRIGGER_REMOVED = 3;
    /** Written (durably) before the task runner sees the match: a fire recorded here never happens again. */
    static final byte FIRED = 4;
    /** Written after the task runner returned. */
    static final byte DONE = 5;

    final byte kind;
    final String text;

    LogRecord(byte kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    byte[] encode() {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 1];
        out[0] = kind;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    static LogRecord decode(byte[] payload) {
        if (payload[0] < EVENT || payload[0] > DONE) {
            throw new IllegalArgumentException("unknown event-log record kind " + payload[0]);
        }
        return new LogRecord(payload[0], new String(Arrays.copyOfRange(payload, 1, payload.length),
                StandardCharsets.UTF_8));
    }
}
