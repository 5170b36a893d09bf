package org.walle.deploy.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

import org.walle.deploy.model.Bundle;
import org.walle.deploy.model.Page;
import org.walle.deploy.model.Release;

/** Bundles (content-addressed, one row per hash) and the releases that point at them. */
public final class ReleaseStore {
    private static final String RELEASE_COLUMNS = "r.id, r.task_id, r.version, r.commit_id, r.bundle_sha256, "
            + "b.size, b.signature, r.created_at FROM releases r JOIN bundles b ON b.sha256 = r.bundle_sha256";

    /** Inserts the bundle row unless the same content was stored before; returns true when it was new. */
    public boolean insertBundleIfAbsent(Connection c, Bundle b) throws SQLException {
        if (findBundle(c, b.sha256()).isPresent()) {
            return false;
        }
        Jdbc.update(c, "INSERT INTO bundles (sha256, size, signature, created_at) VALUES (?, ?, ?, ?)",
                b.sha256(), b.size(), b.signature(), b.createdAt());
        return true;
    }

    public Optional<Bundle> findBundle(Connection c, String sha256) throws SQLException {
        return Jdbc.one(c, "SELECT sha256, size, signature, created_at FROM bundles WHERE sha256 = ?",
                rs -> new Bundle(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4)), sha256);
    }

    public Set<String> allBundleHashes(Connection c) throws SQLException {
        return new HashSet<>(Jdbc.query(c, "SELECT sha256 FROM bundles", rs -> rs.getString(1)));
    }

    public long insertRelease(Connection c, String taskId, String version, String commitId, String sha256, long now)
            throws SQLException {
        return Jdbc.insert(c, "INSERT INTO releases (task_id, version, commit_id, bundle_sha256, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", taskId, version, commitId, sha256, now);
    }

    public Optional<Release> find(Connection c, long id) throws SQLException {
        return Jdbc.one(c, "SELECT " + RELEASE_COLUMNS + " WHERE r.id = ?", ReleaseStore::release, id);
    }

    public Page<Release> list(Connection c, String taskId, int offset, int limit) throws SQLException {
        if (taskId == null) {
            return new Page<>(Jdbc.query(c, "SELECT " + RELEASE_COLUMNS + " ORDER BY r.id LIMIT ? OFFSET ?",
                    ReleaseStore::release, limit, offset), Jdbc.count(c, "SELECT COUNT(*) FROM releases"), offset, limit);
        }
        List<Release> items = Jdbc.query(c, "SELECT " + RELEASE_COLUMNS + " WHERE r.task_id = ? ORDER BY r.id LIMIT ? OFFSET ?",
                ReleaseStore::release, taskId, limit, offset);
        return new Page<>(items, Jdbc.count(c, "SELECT COUNT(*) FROM releases WHERE task_id = ?", taskId), offset, limit);
    }

    private static Release release(ResultSet rs) throws SQLException {
        return new Release(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), rs.getLong(8));
    }
}
