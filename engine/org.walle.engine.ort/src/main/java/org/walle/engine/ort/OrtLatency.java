package org.walle.engine.ort;

import java.util.Arrays;

/**
 * Whole-model latencies of ONNX Runtime at one thread count: one entry per timed run, after the untimed warm-up
 * runs. The median is taken like the engine's {@code Profile.medianRunNanos()} (the upper middle of the sorted runs),
 * so the two sides of a chart are summarised the same way.
 */
public record OrtLatency(int threads, int warmup, long[] runNanos) {
    public OrtLatency {
        if (runNanos.length == 0) {
            throw new IllegalArgumentException("a latency needs at least one timed run");
        }
        runNanos = runNanos.clone();
    }

    @Override
    public long[] runNanos() {
        return runNanos.clone();
    }

    public long medianNanos() {
        return sorted()[runNanos.length / 2];
    }

    public long minNanos() {
        return sorted()[0];
    }

    /** The 90th percentile run (the slowest for fewer than ten runs). */
    public long p90Nanos() {
        return sorted()[Math.min(runNanos.length - 1, (int) (runNanos.length * 0.9))];
    }

    private long[] sorted() {
        long[] s = runNanos.clone();
        Arrays.sort(s);
        return s;
    }
}
