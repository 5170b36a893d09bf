package org.walle.pyvm;

import java.util.List;

/**
 * A trigger a task declares in task.json: the event-id sequence that fires it.
 *
 * @param name     the trigger's name (unique inside the task)
 * @param sequence event ids that must occur in this order
 * @param windowMillis the whole sequence must happen within this time; 0 means no window
 */
public record Trigger(String name, List<String> sequence, long windowMillis) {
    public Trigger {
        sequence = List.copyOf(sequence);
    }
}
