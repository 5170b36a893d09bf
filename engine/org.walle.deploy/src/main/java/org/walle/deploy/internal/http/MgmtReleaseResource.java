package org.walle.deploy.internal.http;

import org.walle.deploy.internal.service.ApiException;
import org.walle.deploy.internal.service.AuthService;
import org.walle.deploy.internal.service.PublishService;
import org.walle.deploy.internal.service.Validate;
import org.walle.deploy.internal.store.Stores;

/** {@code /api/v1/releases}: build a signed bundle from a task version. */
final class MgmtReleaseResource {
    record CreateRelease(String taskId, String version) {
    }

    private final Stores stores;
    private final PublishService publish;

    MgmtReleaseResource(Stores stores, PublishService publish) {
        this.stores = stores;
        this.publish = publish;
    }

    void register(ApiHandler api) {
        api.add(new Route("GET", "/api/v1/releases", AuthService.OPERATORS, "List releases (paged, ?taskId= filters)",
                null, "ReleasePage", x -> x.json(200, stores.db().inTransaction(c -> stores.releases().list(c,
                        x.query("taskId"), Paging.offset(x), Paging.limit(x))))));
        api.add(new Route("POST", "/api/v1/releases", AuthService.WRITERS,
                "Create a release: zip the version's commit, hash, sign, store once", "CreateRelease", "Release", x -> {
                    CreateRelease b = x.body(CreateRelease.class);
                    if (b.taskId() == null || b.version() == null) {
                        throw ApiException.badRequest("taskId and version are required");
                    }
                    Validate.slug("taskId", b.taskId());
                    Validate.version("version", b.version());
                    x.json(201, publish.createRelease(b.taskId(), b.version(), x.actor()));
                }));
        api.add(new Route("GET", "/api/v1/releases/{releaseId}", AuthService.OPERATORS, "Get a release", null, "Release",
                x -> x.json(200, publish.release(x.pathLong("releaseId")))));
    }
}
