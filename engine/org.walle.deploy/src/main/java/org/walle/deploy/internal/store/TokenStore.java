package org.walle.deploy.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.walle.deploy.model.Role;

/** API tokens, stored only as SHA-256 hashes so a database dump does not leak usable tokens. */
public final class TokenStore {
    /** A resolved token: its role, who it was issued to, and for device tokens the bound device (null = enrollment). */
    public record Principal(Role role, String subject, String deviceId) {
    }

    public void insert(Connection c, String tokenHash, Principal p, long now) throws SQLException {
        Jdbc.update(c, "INSERT INTO tokens (token_hash, role, subject, device_id, created_at) VALUES (?, ?, ?, ?, ?)",
                tokenHash, p.role().wireName(), p.subject(), p.deviceId(), now);
    }

    public Optional<Principal> find(Connection c, String tokenHash) throws SQLException {
        return Jdbc.one(c, "SELECT role, subject, device_id FROM tokens WHERE token_hash = ?",
                rs -> new Principal(Role.parse(rs.getString(1)), rs.getString(2), rs.getString(3)), tokenHash);
    }

    public void deleteDeviceTokens(Connection c, String deviceId) throws SQLException {
        Jdbc.update(c, "DELETE FROM tokens WHERE device_id = ?", deviceId);
    }

    public long count(Connection c) throws SQLException {
        return Jdbc.count(c, "SELECT COUNT(*) FROM tokens");
    }
}
