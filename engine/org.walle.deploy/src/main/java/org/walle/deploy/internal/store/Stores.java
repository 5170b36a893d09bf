package org.walle.deploy.internal.store;

/** The database plus one instance of each store: what services receive instead of a dozen constructor arguments. */
public record Stores(Database db, TaskStore tasks, ReleaseStore releases, PolicyStore policies, RolloutStore rollouts,
        DeviceStore devices, AssignmentStore assignments, ReportStore reports, AuditLog audit, TokenStore tokens,
        Settings settings) {

    public static Stores over(Database db) {
        return new Stores(db, new TaskStore(), new ReleaseStore(), new PolicyStore(), new RolloutStore(),
                new DeviceStore(), new AssignmentStore(), new ReportStore(), new AuditLog(), new TokenStore(),
                new Settings());
    }
}
