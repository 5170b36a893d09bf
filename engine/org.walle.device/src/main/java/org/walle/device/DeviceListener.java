package org.walle.device;

import org.walle.deploy.client.Notice;
import org.walle.stream.event.Event;
import org.walle.stream.trigger.TriggerMatch;

/**
 * What a device does, as it happens: the studio's emulator view, the fleet's live statistics and tests listen here.
 * Called on the device's working threads; implementations must be thread-safe and quick.
 */
public interface DeviceListener {
    DeviceListener NONE = new DeviceListener() {
    };

    default void onRegistered(String deviceId) {
    }

    default void onNotice(String deviceId, Notice notice) {
    }

    /** A task version became active ({@code millis}: from notice to active, host time). */
    default void onInstalled(String deviceId, String taskId, String version, long millis) {
    }

    default void onInstallFailed(String deviceId, String taskId, String version, String error) {
    }

    /** The task went back to {@code toVersion}: the server said so, or the device rolled back by itself. */
    default void onRolledBack(String deviceId, String taskId, String fromVersion, String toVersion, String reason) {
    }

    /** The task was withdrawn (no version to return to) or disabled after repeated failures. */
    default void onRemoved(String deviceId, String taskId, String reason) {
    }

    default void onEvent(String deviceId, Event event) {
    }

    default void onTriggerFired(String deviceId, TriggerMatch match) {
    }

    /** A task ran; {@code deviceNanos} is the emulated device time (host time scaled by the profile's speed). */
    default void onTaskRun(String deviceId, String taskId, String version, TaskRunResult result, long deviceNanos) {
    }

    /** Something went wrong outside a task run (connection, report, uplink). */
    default void onProblem(String deviceId, String what) {
    }
}
