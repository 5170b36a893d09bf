package org.walle.deploy.model;

/**
 * What a device should run for one task: the release, the rollout and stage that put it there, and the release it
 * replaced (where a rollback returns to: devices keep the last good version).
 */
public record Assignment(String deviceId, String taskId, long releaseId, long rolloutId, int stage,
        Long previousReleaseId, long assignedAt) {
}
