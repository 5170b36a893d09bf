package org.walle.deploy.model;

/** One audited action: who did what to which object, and the detail (for transitions: {@code FROM -> TO}). */
public record AuditEntry(long id, long at, String actor, String action, String target, String detail) {
}
