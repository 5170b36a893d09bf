package org.walle.deploy.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

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

    private static Report row(ResultSet rs) throws SQLException {
        return new Report(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                ReportStatus.valueOf(rs.getString(6)), Jdbc.nullableLong(rs, "latency_ms"), rs.getString(8), rs.getLong(9));
    }
}
