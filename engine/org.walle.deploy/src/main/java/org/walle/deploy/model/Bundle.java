package org.walle.deploy.model;

/** A release bundle: a zip of a commit's tree, stored once under its SHA-256, signed with the server key. */
public record Bundle(String sha256, long size, String signature, long createdAt) {
}
