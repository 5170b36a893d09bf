package org.walle.deploy.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.walle.deploy.model.AuditEntry;
import org.walle.deploy.model.Page;

/** Append-only audit log; written in the same transaction as the change it describes. */
public final class AuditLog {
    public void append(Connection c, String actor, String action, String target, String detail, long now)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                now, actor, action, target, detail);
    }

    public Page<AuditEntry> list(Connection c, String target, int offset, int limit) throws SQLException {
        String where = " WHERE (? IS NULL OR target = ?)";
        List<AuditEntry> items = Jdbc.query(c, "SELECT id, at, actor, action, target, detail FROM audit_log" + where
                + " ORDER BY id LIMIT ? OFFSET ?", rs -> new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6)), target, target, limit, offset);
        return new Page<>(items, Jdbc.count(c, "SELECT COUNT(*) FROM audit_log" + where, target, target), offset, limit);
    }
}
