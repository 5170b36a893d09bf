package org.walle.deploy.model;

/** A published task version: points at a commit and the bundle built from it. */
public record Release(long id, String taskId, String version, String commitId, String bundleSha256, long size,
        String signature, long createdAt) {
}
