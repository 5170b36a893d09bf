package org.walle.deploy.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.walle.deploy.model.Page;
import org.walle.deploy.rollout.Rollout;
import org.walle.deploy.rollout.RolloutStatus;
import org.walle.deploy.rollout.Stage;

import com.fasterxml.jackson.databind.JavaType;

/** Rollouts; {@link #lock} serialises transitions of one rollout across threads and server instances. */
public final class RolloutStore {
    private static final JavaType STAGES = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Stage.class);
    private static final String COLUMNS = "id, release_id, policy_id, status, stage_index, stages_json, status_reason, "
            + "created_at, updated_at FROM rollouts";

    public long insert(Connection c, long releaseId, long policyId, List<Stage> stages, long now) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO rollouts (release_id, policy_id, status, stage_index, stages_json, status_reason, "
                + "created_at, updated_at) VALUES (?, ?, ?, 0, ?, 'created', ?, ?)", releaseId, policyId,
                RolloutStatus.CREATED.name(), Json.write(stages), now, now);
    }

    public Optional<Rollout> find(Connection c, long id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " WHERE id = ?", RolloutStore::rollout, id);
    }

    /** Reads the rollout with a row lock held until the transaction ends. */
    public Optional<Rollout> lock(Connection c, long id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " WHERE id = ? FOR UPDATE", RolloutStore::rollout, id);
    }

    public void update(Connection c, long id, RolloutStatus status, int stageIndex, String reason, long now)
            throws SQLException {
        Jdbc.update(c, "UPDATE rollouts SET status = ?, stage_index = ?, status_reason = ?, updated_at = ? WHERE id = ?",
                status.name(), stageIndex, reason, now, id);
    }

    public List<Rollout> withStatus(Connection c, RolloutStatus status) throws SQLException {
        return Jdbc.query(c, "SELECT " + COLUMNS + " WHERE status = ? ORDER BY id", RolloutStore::rollout, status.name());
    }

    public Page<Rollout> list(Connection c, int offset, int limit) throws SQLException {
        return new Page<>(Jdbc.query(c, "SELECT " + COLUMNS + " ORDER BY id LIMIT ? OFFSET ?", RolloutStore::rollout,
                limit, offset), Jdbc.count(c, "SELECT COUNT(*) FROM rollouts"), offset, limit);
    }

    private static Rollout rollout(ResultSet rs) throws SQLException {
        List<Stage> stages = Json.read(rs.getString(6), STAGES);
        return new Rollout(rs.getLong(1), rs.getLong(2), rs.getLong(3), RolloutStatus.valueOf(rs.getString(4)),
                rs.getInt(5), stages, rs.getString(7), rs.getLong(8), rs.getLong(9));
    }
}
