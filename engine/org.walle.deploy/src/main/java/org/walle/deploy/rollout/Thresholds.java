package org.walle.deploy.rollout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Per-stage limits on device reports. Nothing is judged before {@code minReports} reports arrived for the stage.
 * An error rate (install failures + task errors over all reports) above {@code maxErrorRate}, or a 95th-percentile
 * latency above {@code maxLatencyMs}, triggers {@code errorAction}. A success rate at or above {@code successRate}
 * advances the rollout to the next stage when {@code autoAdvance} is set.
 *
 * @param maxLatencyMs 0 disables the latency check
 */
public record Thresholds(int minReports, double maxErrorRate, long maxLatencyMs, double successRate,
        ErrorAction errorAction, boolean autoAdvance) {

    public static final Thresholds DEFAULT = new Thresholds(5, 0.2, 0, 0.95, ErrorAction.PAUSE, false);

    /** JSON form: every field optional, missing ones take {@link #DEFAULT}'s value. */
    @JsonCreator
    public static Thresholds of(@JsonProperty("minReports") Integer minReports,
            @JsonProperty("maxErrorRate") Double maxErrorRate, @JsonProperty("maxLatencyMs") Long maxLatencyMs,
            @JsonProperty("successRate") Double successRate, @JsonProperty("errorAction") ErrorAction errorAction,
            @JsonProperty("autoAdvance") Boolean autoAdvance) {
        Thresholds d = DEFAULT;
        return new Thresholds(minReports == null ? d.minReports : minReports,
                maxErrorRate == null ? d.maxErrorRate : maxErrorRate, maxLatencyMs == null ? d.maxLatencyMs : maxLatencyMs,
                successRate == null ? d.successRate : successRate, errorAction == null ? d.errorAction : errorAction,
                autoAdvance == null ? d.autoAdvance : autoAdvance);
    }

    public Thresholds {
        if (minReports < 1) {
            throw new IllegalArgumentException("thresholds.minReports must be >= 1, was " + minReports);
        }
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            throw new IllegalArgumentException("thresholds.maxErrorRate must be in [0,1], was " + maxErrorRate);
        }
        if (!(successRate >= 0 && successRate <= 1)) {
            throw new IllegalArgumentException("thresholds.successRate must be in [0,1], was " + successRate);
        }
        if (maxLatencyMs < 0) {
            throw new IllegalArgumentException("thresholds.maxLatencyMs must be >= 0, was " + maxLatencyMs);
        }
        if (errorAction == null) {
            throw new IllegalArgumentException("thresholds.errorAction must be PAUSE or ROLLBACK");
        }
    }
}
