package org.walle.project;

/** A deployment server the project publishes to: the studio's embedded one or a remote one by URL. */
public record ServerConnection(String name, String url, boolean embedded) {
}
