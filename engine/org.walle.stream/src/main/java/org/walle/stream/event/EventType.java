package org.walle.stream.event;

import java.util.Locale;

/** The kinds of user-behaviour events an app emits. */
public enum EventType {
    PAGE_ENTER, PAGE_EXIT, CLICK, EXPOSURE, SCROLL, CUSTOM;

    /** The lower-case name used in JSON ({@code page_enter}, {@code click} ...). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a JSON name; the error lists the accepted names. */
    public static EventType fromJsonName(String name) {
        for (EventType type : values()) {
            if (type.jsonName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event type '" + name
                + "' (expected one of page_enter, page_exit, click, exposure, scroll, custom)");
    }
}
