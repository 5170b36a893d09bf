package org.walle.device;

import java.util.List;
import java.util.concurrent.ConcurrentMap;

import org.walle.stream.event.Event;

/**
 * One task invocation on one device.
 *
 * @param deviceId the emulated device
 * @param profile  its profile (the VM restricts model backends to {@link DeviceProfile#backends()})
 * @param task     the installed task's code
 * @param trigger  the trigger name inside the task that fired ({@code ""} when started by hand)
 * @param events   the matched events, oldest first
 * @param state    this device's collective key-value state, shared by its tasks and nobody else
 */
public record TaskRunRequest(String deviceId, DeviceProfile profile, TaskBundle task, String trigger,
        List<Event> events, ConcurrentMap<String, Object> state) {
    public TaskRunRequest {
        events = List.copyOf(events);
    }
}
