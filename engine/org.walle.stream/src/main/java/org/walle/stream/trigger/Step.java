package org.walle.stream.trigger;

import java.util.Objects;

import org.walle.stream.event.Event;

/** One element of a trigger: an event id, optionally constrained to one page. Equal steps share a trie edge. */
public final class Step {
    private final String eventId;
    private final String pageId;

    /** @param pageId the page the event must happen on, or null for any page */
    public Step(String eventId, String pageId) {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("a step needs a non-empty event id");
        }
        if (pageId != null && pageId.isBlank()) {
            throw new IllegalArgumentException("a step's page must be non-empty when given (step " + eventId + ")");
        }
        this.eventId = eventId;
        this.pageId = pageId;
    }

    public static Step of(String eventId) {
        return new Step(eventId, null);
    }

    public static Step on(String eventId, String pageId) {
        return new Step(eventId, pageId);
    }

    public String eventId() {
        return eventId;
    }

    /** The required page, or null for any page. */
    public String pageId() {
        return pageId;
    }

    public boolean matches(Event event) {
        return eventId.equals(event.eventId()) && (pageId == null || pageId.equals(event.pageId()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Step && eventId.equals(((Step) o).eventId) && Objects.equals(pageId, ((Step) o).pageId);
    }

    @Override
    public int hashCode() {
        return eventId.hashCode() * 31 + Objects.hashCode(pageId);
    }

    @Override
    public String toString() {
        return pageId == null ? eventId : eventId + "@" + pageId;
    }
}
