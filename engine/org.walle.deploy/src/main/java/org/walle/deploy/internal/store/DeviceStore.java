package org.walle.deploy.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.walle.deploy.model.Device;
import org.walle.deploy.model.DeviceAttributes;
import org.walle.deploy.model.Page;

/** Registered devices and their self-described attributes. */
public final class DeviceStore {
    private static final String COLUMNS = "id, app_version, os, os_version, model, tier, region, user_group, emulated, "
            + "registered_at, last_seen_at FROM devices";

    /** Inserts or, for a device that registers again, replaces its attributes. */
    public void upsert(Connection c, String id, DeviceAttributes a, long now) throws SQLException {
        int n = Jdbc.update(c, "UPDATE devices SET app_version = ?, os = ?, os_version = ?, model = ?, tier = ?, region = ?, "
                + "user_group = ?, emulated = ?, last_seen_at = ? WHERE id = ?", a.appVersion(), a.os(), a.osVersion(),
                a.model(), a.tier(), a.region(), a.userGroup(), a.emulated(), now, id);
        if (n == 0) {
            Jdbc.update(c, "INSERT INTO devices (id, app_version, os, os_version, model, tier, region, user_group, emulated, "
                    + "registered_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, a.appVersion(), a.os(),
                    a.osVersion(), a.model(), a.tier(), a.region(), a.userGroup(), a.emulated(), now, now);
        }
    }

    public void touch(Connection c, String id, long now) throws SQLException {
        Jdbc.update(c, "UPDATE devices SET last_seen_at = ? WHERE id = ?", now, id);
    }

    public Optional<Device> find(Connection c, String id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " WHERE id = ?", DeviceStore::device, id);
    }

    public List<Device> all(Connection c) throws SQLException {
        return Jdbc.query(c, "SELECT " + COLUMNS + " ORDER BY id", DeviceStore::device);
    }

    public Page<Device> list(Connection c, int offset, int limit) throws SQLException {
        return new Page<>(Jdbc.query(c, "SELECT " + COLUMNS + " ORDER BY id LIMIT ? OFFSET ?", DeviceStore::device,
                limit, offset), Jdbc.count(c, "SELECT COUNT(*) FROM devices"), offset, limit);
    }

    private static Device device(ResultSet rs) throws SQLException {
        DeviceAttributes a = new DeviceAttributes(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9));
        return new Device(rs.getString(1), a, rs.getLong(10), rs.getLong(11));
    }
}
