package org.walle.deploy.internal.store;

import java.sql.SQLException;

/** A database failure; the message keeps the SQL state so operators can tell a constraint from an outage. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(SQLException e) {
        super("database error (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
    }

    public StoreException(String message) {
        super(message);
    }

    /** True when the cause is a unique/primary-key violation (SQLState class 23505). */
    public boolean isDuplicateKey() {
        return getCause() instanceof SQLException s && "23505".equals(s.getSQLState());
    }
}
