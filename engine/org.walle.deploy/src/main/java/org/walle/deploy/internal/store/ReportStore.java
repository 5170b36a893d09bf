package org.walle.deploy.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.deploy.model.Page;
import org.walle.deploy.model.Report;
import org.walle.deploy.model.ReportStatus;

/** Device reports; the threshold check reads one stage's reports through {@link #stageStats}. */
public final class ReportStore {
    private static final String COLUMNS = "id, device_id, release_id, rollout_id, stage, status, latency_ms, message, "
            + "created_at FROM reports";

    public long insert(Connection c, Report r) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO reports (device_id, release_id, rollout_id, stage, status, latency_ms, message, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r.deviceId(), r.releaseId(), r.rolloutId(), r.stage(),
                r.status().name(), Jdbc.longOrNull(r.latencyMs()), r.message(), r.createdAt());
    }

    public Page<Report> list(Connection c, Long rolloutId, String deviceId, int offset, int limit) throws SQLException {
        String where = " WHERE (? IS NULL OR rollout_id = ?) AND (? IS NULL OR device_id = ?)";
        Object rid = Jdbc.longOrNull(rolloutId);
        List<Report> items = Jdbc.query(c, "SELECT " + COLUMNS + where + " ORDER BY id LIMIT ? OFFSET ?", ReportStore::row,
                rid, rid, deviceId, deviceId, limit, offset);
        return new Page<>(items, Jdbc.count(c, "SELECT COUNT(*) FROM reports" + where, rid, rid, deviceId, deviceId),
                offset, limit);
    }

    /** Counts and latencies of one stage: the latest report per device counts, so a retry that succeeds heals. */
    public StageStats stageStats(Connection c, long rolloutId, int stage) throws SQLException {
        List<Report> rows = Jdbc.query(c, "SELECT " + COLUMNS + " WHERE rollout_id = ? AND stage = ? ORDER BY id",
                ReportStore::row, rolloutId, stage);
        return StageStats.of(rows);
    }

    /**
     * Devices per release of a task, from assignments and install reports. A device counts as running the release
     * its latest INSTALLED report for the task names (a server rollback shows as the device reporting the kept
     * version again), and as failing a release when its latest install report is an INSTALL_FAILED for it. Devices
     * that no longer hold the task (withdrawn by a rollback with nothing to return to) send no report, so they
     * count only while they still have an assignment. Releases no device has reached are left out.
     */
    public List<VersionCoverage> coverage(Connection c, String taskId) throws SQLException {
        Map<Long, String> versions = new LinkedHashMap<>();
        Jdbc.query(c, "SELECT id, version FROM releases WHERE task_id = ? ORDER BY id", rs -> versions.put(rs.getLong(1),
                rs.getString(2)), taskId);
        Map<String, Long> assignedTo = new HashMap<>();
        Jdbc.query(c, "SELECT device_id, release_id FROM assignments WHERE task_id = ?", rs -> assignedTo.put(
                rs.getString(1), rs.getLong(2)), taskId);
        Map<String, Long> running = new HashMap<>();
        Map<String, Long> failing = new HashMap<>();
        Jdbc.query(c, "SELECT device_id, release_id, status FROM reports WHERE status IN ('INSTALLED', 'INSTALL_FAILED') "
                + "AND release_id IN (SELECT id FROM releases WHERE task_id = ?) ORDER BY id", rs -> {
                    String device = rs.getString(1);
                    long release = rs.getLong(2);
                    if (ReportStatus.INSTALLED.name().equals(rs.getString(3))) {
                        running.put(device, release);
                        failing.remove(device);
                    } else {
                        failing.put(device, release);
                    }
                    return null;
                }, taskId);
        Map<Long, long[]> counts = new HashMap<>();
        assignedTo.values().forEach(r -> counts.computeIfAbsent(r, k -> new long[3])[0]++);
        running.forEach((d, r) -> {
            if (assignedTo.containsKey(d)) {
                counts.computeIfAbsent(r, k -> new long[3])[1]++;
            }
        });
        failing.forEach((d, r) -> {
            if (assignedTo.containsKey(d)) {
                counts.computeIfAbsent(r, k -> new long[3])[2]++;
            }
        });
        return versions.entrySet().stream().filter(e -> counts.containsKey(e.getKey())).map(e -> {
            long[] n = counts.get(e.getKey());
            return new VersionCoverage(e.getKey(), e.getValue(), n[0], n[1], n[2]);
        }).toList();
    }

    private static Report row(ResultSet rs) throws SQLException {
        return new Report(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                ReportStatus.valueOf(rs.getString(6)), Jdbc.nullableLong(rs, "latency_ms"), rs.getString(8), rs.getLong(9));
    }
}
