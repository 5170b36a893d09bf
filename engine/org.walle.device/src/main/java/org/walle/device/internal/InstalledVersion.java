package org.walle.device.internal;

/** One installed version of a task on a device: where it came from and what it is. */
public record InstalledVersion(String taskId, String version, long releaseId, String sha256, String signature) {
}
