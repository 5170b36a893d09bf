package org.walle.deploy.ui.internal.server;

/**
 * Loads the JDBC drivers the server may use. HikariCP finds drivers through {@code DriverManager}, which on a plain
 * classpath discovers them with ServiceLoader; inside OSGi nothing does, so a driver is registered only once its
 * class is initialised. The H2 and PostgreSQL bundles export their packages, and this bundle imports them.
 */
final class JdbcDrivers {
    private JdbcDrivers() {
    }

    static void register() {
        org.h2.Driver.load();
        try {
            Class.forName(org.postgresql.Driver.class.getName(), true, JdbcDrivers.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the PostgreSQL driver bundle is not resolved", e);
        }
    }
}
