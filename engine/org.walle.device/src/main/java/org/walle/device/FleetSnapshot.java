package org.walle.device;

import java.util.Map;

/**
 * The fleet at one moment: coverage ({@code task@version} -> devices running it), connections and cumulative
 * counters, with run latency (emulated device time) and install latency percentiles in milliseconds.
 */
public record FleetSnapshot(double seconds, int devices, int registered, int connected, Map<String, Integer> coverage,
        long events, long fired, long runs, long runErrors, long outputs, long installs, long installFailures,
        long rollbacks, long problems, double runP50Ms, double runP95Ms, double installP50Ms, double installP95Ms) {

    /** One line for a live console. */
    public String line() {
        return String.format(java.util.Locale.ROOT,
                "t=%6.1fs devices=%d connected=%d events=%d fired=%d runs=%d errors=%d installs=%d failed=%d "
                        + "rollbacks=%d run p50/p95=%.1f/%.1fms install p50/p95=%.0f/%.0fms coverage=%s",
                seconds, devices, connected, events, fired, runs, runErrors, installs, installFailures, rollbacks,
                runP50Ms, runP95Ms, installP50Ms, installP95Ms, coverage);
    }

    public int coverage(String taskId, String version) {
        return coverage.getOrDefault(taskId + "@" + version, 0);
    }
}
