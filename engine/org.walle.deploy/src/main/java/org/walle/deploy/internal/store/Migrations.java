package org.walle.deploy.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A small versioned-migration runner: scripts {@code V<n>__<name>.sql} next to this class are applied in order, each
 * in one transaction together with its row in {@code walle_schema}. PostgreSQL rolls a failed script back whole;
 * H2 commits DDL implicitly, so there a failed script is reported with its version and must be fixed by hand.
 */
final class Migrations {
    /** Known scripts, in order. Add new ones at the end; never edit an applied one. */
    static final List<String> SCRIPTS = List.of("V1__initial_schema.sql");

    private final Database db;

    Migrations(Database db) {
        this.db = db;
    }

    void migrate() {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS walle_schema (version INT PRIMARY KEY, "
                        + "script VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            return null;
        });
        int applied = currentVersion();
        for (int i = applied; i < SCRIPTS.size(); i++) {
            int version = i + 1;
            String script = SCRIPTS.get(i);
            db.inTransaction(c -> {
                apply(c, script);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO walle_schema (version, script, applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, version);
                    ps.setString(2, script);
                    ps.setLong(3, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    int currentVersion() {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM walle_schema")) {
                rs.next();
                int v = rs.getInt(1);
                if (v > SCRIPTS.size()) {
                    throw new StoreException("database schema version " + v + " is newer than this server knows ("
                            + SCRIPTS.size() + "): refusing to run an older server against it");
                }
                return v;
            }
        });
    }

    private static void apply(Connection c, String script) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements(read(script))) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new SQLException("migration " + script + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String sql = cur.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the jar: " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + script, e);
        }
    }
}
