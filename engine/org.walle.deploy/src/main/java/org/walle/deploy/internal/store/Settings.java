package org.walle.deploy.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Server-wide switches (the global kill switch) kept in the database so every instance sees them. */
public final class Settings {
    public static final String KILL_SWITCH = "kill_switch";

    public Optional<String> get(Connection c, String name) throws SQLException {
        return Jdbc.one(c, "SELECT val FROM settings WHERE name = ?", rs -> rs.getString(1), name);
    }

    public void put(Connection c, String name, String value) throws SQLException {
        if (Jdbc.update(c, "UPDATE settings SET val = ? WHERE name = ?", value, name) == 0) {
            Jdbc.update(c, "INSERT INTO settings (name, val) VALUES (?, ?)", name, value);
        }
    }

    public boolean killSwitch(Connection c) throws SQLException {
        return get(c, KILL_SWITCH).map(Boolean::parseBoolean).orElse(false);
    }
}
