package org.walle.deploy.internal.bundle;

/** A rejected task snapshot upload (HTTP 400). */
public final class InvalidSnapshotException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSnapshotException(String message) {
        super(message);
    }
}
