package org.walle.project;

import java.util.List;

/** A trigger of a task: the event ids that must occur in order within {@code windowMs}. */
public record Trigger(String name, List<String> events, long windowMs) {
    public Trigger {
        events = List.copyOf(events);
    }
}
