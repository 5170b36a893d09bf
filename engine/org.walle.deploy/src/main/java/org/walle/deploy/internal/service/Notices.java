package org.walle.deploy.internal.service;

import org.walle.deploy.client.Notice;
import org.walle.deploy.model.Release;

/** Builds the notices devices receive. The URL is relative so it works behind any host name or proxy. */
final class Notices {
    private Notices() {
    }

    static Notice of(Release r) {
        return new Notice(r.taskId(), r.version(), r.id(), r.bundleSha256(), r.size(), r.signature(),
                "/device/v1/bundles/" + r.bundleSha256());
    }

    static Notice withdrawal(String taskId) {
        return new Notice(taskId, null, 0, null, 0, null, null);
    }
}
