package org.walle.deploy.internal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The server's JDBC database: an H2 file database under the data directory by default, or any PostgreSQL JDBC URL.
 * Every multi-row change goes through {@link #inTransaction} so a crash leaves either all of it or none.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final String url;

    private Database(String url, int poolSize) {
        this.url = url;
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setAutoCommit(true);
        cfg.setPoolName("walle-deploy");
        // the pool must not block startup for long when the URL is wrong: fail fast with the driver's message
        cfg.setInitializationFailTimeout(10_000);
        cfg.setConnectionTimeout(30_000);
        this.dataSource = new HikariDataSource(cfg);
    }

    /**
     * H2 file database {@code dir/walle-deploy.mv.db}, created on first open. WRITE_DELAY=0 makes H2 write every
     * commit to the file before returning, so a kill -9 right after a commit loses nothing.
     */
    public static Database h2File(Path dir) {
        return open("jdbc:h2:file:" + dir.toAbsolutePath().resolve("walle-deploy") + ";WRITE_DELAY=0");
    }

    /** Opens any JDBC URL (jdbc:h2:..., jdbc:postgresql://...) and migrates its schema. */
    public static Database open(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("unsupported JDBC URL '" + redact(jdbcUrl)
                    + "': expected jdbc:h2:... or jdbc:postgresql://...");
        }
        Database db = new Database(jdbcUrl, 16);
        try {
            new Migrations(db).migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Work inside one transaction; SQL failures surface as {@link StoreException}. */
    @FunctionalInterface
    public interface TxWork<T> {
        T run(Connection c) throws SQLException;
    }

    public <T> T inTransaction(TxWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** Keeps passwords out of error messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
