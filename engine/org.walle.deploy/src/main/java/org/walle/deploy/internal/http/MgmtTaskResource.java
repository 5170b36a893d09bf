package org.walle.deploy.internal.http;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.walle.deploy.internal.bundle.SnapshotReader;
import org.walle.deploy.internal.service.AuthService;
import org.walle.deploy.internal.service.PublishService;
import org.walle.deploy.internal.store.Stores;
import org.walle.deploy.internal.store.VersionCoverage;

/** {@code /api/v1/tasks}: tasks and their versions (snapshot uploads become git commits + tags). */
final class MgmtTaskResource {
    record CreateTask(String id, String name) {
    }

    /**
     * Devices per version of a task now ({@code at}, epoch ms): {@code devices} hold the task, {@code items} page
     * through its releases that reached any device, oldest first. A dashboard polls this for coverage over time.
     */
    record TaskCoverage(String taskId, long at, long devices, List<VersionCoverage> items, long total, int offset,
            int limit) {
    }

    private final Stores stores;
    private final PublishService publish;

    MgmtTaskResource(Stores stores, PublishService publish) {
        this.stores = stores;
        this.publish = publish;
    }

    void register(ApiHandler api) {
        api.add(new Route("GET", "/api/v1/tasks", AuthService.OPERATORS, "List tasks (paged)", null, "TaskPage",
                x -> x.json(200, stores.db().inTransaction(c -> stores.tasks().list(c, Paging.offset(x), Paging.limit(x))))));
        api.add(new Route("POST", "/api/v1/tasks", AuthService.WRITERS, "Create a task (a new git repository)",
                "CreateTask", "Task", x -> {
                    CreateTask b = x.body(CreateTask.class);
                    x.json(201, publish.createTask(b.id(), b.name(), x.actor()));
                }));
        api.add(new Route("GET", "/api/v1/tasks/{taskId}", AuthService.OPERATORS, "Get a task", null, "Task",
                x -> x.json(200, publish.task(x.path("taskId")))));
        api.add(new Route("GET", "/api/v1/tasks/{taskId}/versions", AuthService.OPERATORS,
                "List a task's versions (commits + tags, paged)", null, "TaskVersionPage", x -> {
                    publish.task(x.path("taskId"));
                    x.json(200, stores.db().inTransaction(c -> stores.tasks().listVersions(c, x.path("taskId"),
                            Paging.offset(x), Paging.limit(x))));
                }));
        api.add(new Route("GET", "/api/v1/tasks/{taskId}/coverage", AuthService.OPERATORS,
                "Devices per version of a task from assignments and device reports: assigned, installed, install "
                        + "failed (paged over versions)", null, "TaskCoverage", x -> x.json(200, coverage(x))));
        api.add(new Route("POST", "/api/v1/tasks/{taskId}/versions", AuthService.WRITERS,
                "Push a snapshot (zip of the task directory, query: version, message) as a new tagged commit",
                "Snapshot", "TaskVersion", x -> {
                    byte[] zip = x.bodyBytes(SnapshotReader.MAX_BYTES);
                    x.json(201, publish.pushVersion(x.path("taskId"), x.query("version"), x.query("message"),
                            new ByteArrayInputStream(zip), x.actor()));
                }));
    }

    private TaskCoverage coverage(Exchange x) {
        String taskId = x.path("taskId");
        int offset = Paging.offset(x);
        int limit = Paging.limit(x);
        publish.task(taskId); // 404 for an unknown task rather than an empty answer
        long at = System.currentTimeMillis();
        List<VersionCoverage> all = stores.db().inTransaction(c -> stores.reports().coverage(c, taskId));
        long devices = all.stream().mapToLong(VersionCoverage::assigned).sum();
        // offset may be up to Integer.MAX_VALUE: add in long
        int to = (int) Math.min((long) offset + limit, all.size());
        List<VersionCoverage> page = all.subList(Math.min(offset, to), to);
        return new TaskCoverage(taskId, at, devices, List.copyOf(page), all.size(), offset, limit);
    }
}
