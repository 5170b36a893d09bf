package org.walle.deploy.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.walle.deploy.model.Assignment;

/** Which release each device should run per task. One row per (device, task): a new rollout replaces the row. */
public final class AssignmentStore {
    private static final String COLUMNS = "device_id, task_id, release_id, rollout_id, stage, previous_release_id, "
            + "assigned_at FROM assignments";

    public Optional<Assignment> find(Connection c, String deviceId, String taskId) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " WHERE device_id = ? AND task_id = ?", AssignmentStore::row, deviceId, taskId);
    }

    public List<Assignment> forDevice(Connection c, String deviceId) throws SQLException {
        return Jdbc.query(c, "SELECT " + COLUMNS + " WHERE device_id = ? ORDER BY task_id", AssignmentStore::row, deviceId);
    }

    public List<Assignment> forRollout(Connection c, long rolloutId) throws SQLException {
        return Jdbc.query(c, "SELECT " + COLUMNS + " WHERE rollout_id = ? ORDER BY device_id", AssignmentStore::row, rolloutId);
    }

    public List<Assignment> forTask(Connection c, String taskId) throws SQLException {
        return Jdbc.query(c, "SELECT " + COLUMNS + " WHERE task_id = ?", AssignmentStore::row, taskId);
    }

    public long countForRollout(Connection c, long rolloutId) throws SQLException {
        return Jdbc.count(c, "SELECT COUNT(*) FROM assignments WHERE rollout_id = ?", rolloutId);
    }

    /** True when the device's assignment (current release or the one it replaced) uses this bundle. */
    public boolean deviceMayFetch(Connection c, String deviceId, String sha256) throws SQLException {
        return Jdbc.count(c, "SELECT COUNT(*) FROM assignments a JOIN releases r ON r.id = a.release_id "
                + "OR r.id = a.previous_release_id WHERE a.device_id = ? AND r.bundle_sha256 = ?", deviceId, sha256) > 0;
    }

    public void put(Connection c, Assignment a) throws SQLException {
        int n = Jdbc.update(c, "UPDATE assignments SET release_id = ?, rollout_id = ?, stage = ?, previous_release_id = ?, "
                + "assigned_at = ? WHERE device_id = ? AND task_id = ?", a.releaseId(), a.rolloutId(), a.stage(),
                Jdbc.longOrNull(a.previousReleaseId()), a.assignedAt(), a.deviceId(), a.taskId());
        if (n == 0) {
            Jdbc.update(c, "INSERT INTO assignments (device_id, task_id, release_id, rollout_id, stage, previous_release_id, "
                    + "assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?)", a.deviceId(), a.taskId(), a.releaseId(), a.rolloutId(),
                    a.stage(), Jdbc.longOrNull(a.previousReleaseId()), a.assignedAt());
        }
    }

    public void delete(Connection c, String deviceId, String taskId) throws SQLException {
        Jdbc.update(c, "DELETE FROM assignments WHERE device_id = ? AND task_id = ?", deviceId, taskId);
    }

    private static Assignment row(ResultSet rs) throws SQLException {
        return new Assignment(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                Jdbc.nullableLong(rs, "previous_release_id"), rs.getLong(7));
    }
}
