package org.walle.engine.backend.calibration;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One backend's calibration as the cost model uses it, with when and under what load it was measured and what
 * happened when it was obtained.
 *
 * @param figures     figure name to value (see {@link Calibrator#measure})
 * @param measuredAt  when the figures were measured
 * @param loadAverage the one-minute system load average then (negative when the OS does not say)
 * @param cores       the processors the JVM saw then
 * @param repeats     how many passes the figures are the best of
 * @param change      what obtaining it did
 * @param previous    the figures before a re-calibration (empty otherwise)
 * @param why         the reason for a re-calibration or measurement, or a note
 */
public record Calibrated(String key, Map<String, Double> figures, Map<String, String> facts, Instant measuredAt,
        double loadAverage, int cores, int repeats, Change change, Map<String, Double> previous, String why) {

    /** What {@link CalibrationCache} did to give this answer. */
    public enum Change {
        /** Read from the cache without a check (the probe already ran in this process, or was not wanted). */
        CACHED,
        /** Read from the cache; the probe did not find the machine faster than the cache says. */
        CONFIRMED,
        /** No usable entry: measured now. */
        MEASURED,
        /** The cached entry was found too slow (or stale) and measured again. */
        RECALIBRATED
    }

    public Calibrated {
        figures = Map.copyOf(figures);
        facts = Map.copyOf(facts);
        previous = Map.copyOf(previous);
    }

    /** A figure, or an exception naming the entry when it is missing. */
    public double figure(String name) {
        Double v = figures.get(name);
        if (v == null) {
            throw new IllegalArgumentException("calibration " + key + " has no figure " + name);
        }
        return v;
    }

    Calibrated as(Change c, Map<String, Double> before, String reason) {
        return new Calibrated(key, figures, facts, measuredAt, loadAverage, cores, repeats, c, before, reason);
    }

    /** {@code "measured 2026-11-29T11:00Z at load 0.4 on 2 cores, best of 3"}. */
    public String provenance() {
        return String.format(Locale.ROOT, "measured %s at load %s on %d cores, best of %d", measuredAt,
                loadAverage < 0 ? "?" : String.format(Locale.ROOT, "%.2f", loadAverage), cores, repeats);
    }
}
