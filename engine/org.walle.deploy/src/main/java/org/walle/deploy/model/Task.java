package org.walle.deploy.model;

/** A task: one git repository on the server; {@code id} is a slug chosen by the operator. */
public record Task(String id, String name, long createdAt) {
}
