package org.walle.pyvm;

import java.util.Map;

/**
 * One user-behaviour event a trigger matched.
 *
 * @param eventId   e.g. {@code page_enter}, {@code click}
 * @param pageId    the page the event happened on
 * @param timestampMillis epoch milliseconds
 * @param args      event arguments: JSON-like values (String, Long, Double, Boolean, List, Map, null)
 */
public record TriggerEvent(String eventId, String pageId, long timestampMillis, Map<String, Object> args) {
    public TriggerEvent {
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    }
}
