package org.walle.deploy.model;

/** A version of a task: a commit in its git repository with a tag named {@code version}. */
public record TaskVersion(String taskId, String version, String commitId, String message, long createdAt) {
}
