package org.walle.deploy.ui.internal.release;

/**
 * One poll of a rollout. {@code assigned} counts devices given the release (the rollout's coverage);
 * {@code successes}/{@code errors}/{@code p95LatencyMs} are the current stage's report statistics.
 */
public record RolloutSample(long atMillis, String status, int stageIndex, int stageCount, String stageName,
        String statusReason, int assigned, int successes, int errors, long p95LatencyMs) {
}
