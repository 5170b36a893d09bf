package org.walle.device;

import java.util.List;

import org.walle.stream.event.Event;
import org.walle.stream.trigger.TriggerMatch;

/** What one emulator step did: the event fed, the triggers it completed and the task runs they caused. */
public record StepResult(Event event, List<TriggerMatch> fired, List<TaskRun> runs) {
    /** One task run inside a step; {@code deviceNanos} is the emulated device time. */
    public record TaskRun(String taskId, String version, TaskRunResult result, long deviceNanos) {
    }

    public StepResult {
        fired = List.copyOf(fired);
        runs = List.copyOf(runs);
    }
}
