package org.walle.deploy.internal.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.deploy.model.Report;
import org.walle.deploy.model.ReportStatus;

/**
 * Outcome of one rollout stage so far, one vote per device (its latest success or error report). DOWNLOADED
 * reports are progress, not outcomes, and do not vote. {@code p95LatencyMs} is over every report carrying a latency.
 */
public record StageStats(int devices, int successes, int errors, long p95LatencyMs) {

    static StageStats of(List<Report> reportsInIdOrder) {
        Map<String, ReportStatus> latest = new LinkedHashMap<>();
        List<Long> latencies = new ArrayList<>();
        for (Report r : reportsInIdOrder) {
            if (r.status() != ReportStatus.DOWNLOADED) {
                latest.put(r.deviceId(), r.status());
            }
            if (r.latencyMs() != null) {
                latencies.add(r.latencyMs());
            }
        }
        int ok = 0;
        int err = 0;
        for (ReportStatus s : latest.values()) {
            if (s.isError()) {
                err++;
            } else if (s.isSuccess()) {
                ok++;
            }
        }
        long p95 = 0;
        if (!latencies.isEmpty()) {
            Collections.sort(latencies);
            p95 = latencies.get((int) Math.ceil(0.95 * latencies.size()) - 1);
        }
        return new StageStats(latest.size(), ok, err, p95);
    }

    public double errorRate() {
        return devices == 0 ? 0 : (double) errors / devices;
    }

    public double successRate() {
        return devices == 0 ? 0 : (double) successes / devices;
    }
}
