package org.walle.deploy.ui.internal.server;

/** The embedded server did not start; the message says why in words a user can act on. */
public final class ServerStartException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean portInUse;

    public ServerStartException(String message, Throwable cause, boolean portInUse) {
        super(message, cause);
        this.portInUse = portInUse;
    }

    public boolean isPortInUse() {
        return portInUse;
    }
}
