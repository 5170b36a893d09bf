package org.walle.stream.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One user-behaviour event: what happened ({@link #type()} and the app-defined {@link #eventId()}), on which page,
 * when (epoch milliseconds) and with which arguments. Immutable.
 */
public final class Event {
    private final EventType type;
    private final String eventId;
    private final String pageId;
    private final long timestamp;
    private final Map<String, String> args;

    public Event(EventType type, String eventId, String pageId, long timestamp, Map<String, String> args) {
        this.type = Objects.requireNonNull(type, "type");
        this.eventId = requireText(eventId, "eventId");
        this.pageId = requireText(pageId, "pageId");
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0, got " + timestamp);
        }
        this.timestamp = timestamp;
        this.args = args == null || args.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    public Event(EventType type, String eventId, String pageId, long timestamp) {
        this(type, eventId, pageId, timestamp, Map.of());
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-empty string");
        }
        return value;
    }

    public EventType type() {
        return type;
    }

    public String eventId() {
        return eventId;
    }

    public String pageId() {
        return pageId;
    }

    public long timestamp() {
        return timestamp;
    }

    /** Read-only arguments in insertion order. */
    public Map<String, String> args() {
        return args;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Event)) {
            return false;
        }
        Event e = (Event) o;
        return type == e.type && timestamp == e.timestamp && eventId.equals(e.eventId) && pageId.equals(e.pageId)
                && args.equals(e.args);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, eventId, pageId, timestamp, args);
    }

    @Override
    public String toString() {
        return eventId + "@" + pageId + "@" + timestamp + (args.isEmpty() ? "" : args.toString());
    }
}
