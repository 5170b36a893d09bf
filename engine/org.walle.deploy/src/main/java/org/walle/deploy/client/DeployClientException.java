package org.walle.deploy.client;

/** A refused or failed call to the server; {@link #status()} is the HTTP status (0 when the server was unreachable). */
public final class DeployClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public DeployClientException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** The server's stable error code (e.g. {@code illegal_transition}), or null. */
    public String code() {
        return code;
    }
}
