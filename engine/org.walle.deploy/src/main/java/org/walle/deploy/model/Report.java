package org.walle.deploy.model;

/** A device report on a release; {@code rolloutId}/{@code stage} come from the device's assignment. */
public record Report(long id, String deviceId, long releaseId, long rolloutId, int stage, ReportStatus status,
        Long latencyMs, String message, long createdAt) {
}
