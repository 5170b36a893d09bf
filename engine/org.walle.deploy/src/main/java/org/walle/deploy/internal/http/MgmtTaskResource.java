package org.walle.deploy.internal.http;

import java.io.ByteArrayInputStream;

import org.walle.deploy.internal.bundle.SnapshotReader;
import org.walle.deploy.internal.service.AuthService;
import org.walle.deploy.internal.service.PublishService;
import org.walle.deploy.internal.store.Stores;

/** {@code /api/v1/tasks}: tasks and their versions (snapshot uploads become git commits + tags). */
final class MgmtTaskResource {
    record CreateTask(String id, String name) {
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
        api.add(new Route("POST", "/api/v1/tasks/{taskId}/versions", AuthService.WRITERS,
                "Push a snapshot (zip of the task directory, query: version, message) as a new tagged commit",
                "Snapshot", "TaskVersion", x -> {
                    byte[] zip = x.bodyBytes(SnapshotReader.MAX_BYTES);
                    x.json(201, publish.pushVersion(x.path("taskId"), x.query("version"), x.query("message"),
                            new ByteArrayInputStream(zip), x.actor()));
                }));
    }
}
