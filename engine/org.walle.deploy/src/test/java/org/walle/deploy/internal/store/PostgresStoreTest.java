package org.walle.deploy.internal.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;

/**
 * The repository contract on PostgreSQL, when {@code WALLE_TEST_PG_URL} names one (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/walle?user=walle&password=walle}). Each test gets its own schema, dropped
 * afterwards. Without the variable every test here is skipped with that reason.
 */
class PostgresStoreTest extends StoreContract {
    static final String URL = System.getenv("WALLE_TEST_PG_URL");
    private String schema;

    @BeforeAll
    static void requirePostgres() {
        assumeTrue(URL != null && !URL.isBlank(),
                "WALLE_TEST_PG_URL is not set: PostgreSQL variant skipped (see docs/deploy.md)");
    }

    @Override
    protected Database open() throws Exception {
        schema = "walle_t" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(URL); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        return Database.open(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    @Override
    protected void cleanup() throws Exception {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(URL); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
