package org.walle.deploy.rollout;

/** A verb that the rollout's current status does not allow (HTTP 409). */
public final class IllegalTransitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IllegalTransitionException(String message) {
        super(message);
    }
}
