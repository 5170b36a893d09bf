package org.walle.deploy.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.walle.deploy.model.Page;
import org.walle.deploy.model.PolicyRecord;

import com.fasterxml.jackson.databind.JsonNode;

/** Stored targeting policies (the rule as JSON text). */
public final class PolicyStore {
    public long insert(Connection c, String name, JsonNode rule, long now) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO policies (name, rule_json, created_at) VALUES (?, ?, ?)", name, Json.write(rule), now);
    }

    public Optional<PolicyRecord> find(Connection c, long id) throws SQLException {
        return Jdbc.one(c, "SELECT id, name, rule_json, created_at FROM policies WHERE id = ?", PolicyStore::policy, id);
    }

    public Page<PolicyRecord> list(Connection c, int offset, int limit) throws SQLException {
        return new Page<>(Jdbc.query(c, "SELECT id, name, rule_json, created_at FROM policies ORDER BY id LIMIT ? OFFSET ?",
                PolicyStore::policy, limit, offset), Jdbc.count(c, "SELECT COUNT(*) FROM policies"), offset, limit);
    }

    private static PolicyRecord policy(ResultSet rs) throws SQLException {
        return new PolicyRecord(rs.getLong(1), rs.getString(2), Json.tree(rs.getString(3)), rs.getLong(4));
    }
}
