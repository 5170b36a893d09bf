package org.walle.engine.backend.calibration;

import java.util.Map;
import java.util.Set;

/**
 * The micro-runs that give one backend's cost model its speeds (GEMM throughput, memory bandwidth, launch cost), as
 * figures by name. {@link CalibrationCache} runs {@link #measure} several times and keeps the best of each figure,
 * because noise (other processes, a JIT that has not finished) only ever slows a run down; at first use in a process
 * it re-checks a cached entry with the one short {@link #probe} instead of measuring everything again.
 */
public interface Calibrator {

    /** The cache entry's key: the backend plus what identifies the machine (CPU model, cores, JDK...). */
    String key();

    /** Names of every figure {@link #measure} returns; a cached entry lacking one is measured again. */
    Set<String> figureNames();

    /** One short pass of every micro-run: figure name to value. Larger is faster unless {@link #lowerIsFaster}. */
    Map<String, Double> measure();

    /** For figures such as a launch time, where a smaller value is the faster machine. */
    default boolean lowerIsFaster(String figure) {
        return false;
    }

    /** The figure {@link #probe} re-measures (one of {@link #figureNames}). */
    String probeFigure();

    /** One short, cheap micro-run of {@link #probeFigure} (tens of milliseconds at most). */
    double probe();

    /**
     * Text facts of the calibrated thing (the device name); a cached entry with other facts is measured again when
     * it is checked. May be as costly as finding the device; {@link #factNames} must not be.
     */
    default Map<String, String> facts() {
        return Map.of();
    }

    /** The names of {@link #facts()}, known without touching the device (reading an entry needs only these). */
    default Set<String> factNames() {
        return Set.of();
    }

    /** How many passes of {@link #measure} a calibration keeps the best of. */
    default int repeats() {
        return 3;
    }
}
