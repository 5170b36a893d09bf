package org.walle.deploy.client;

/** A bundle whose hash or signature does not check out: never install it. */
public final class BundleVerificationException extends SecurityException {
    private static final long serialVersionUID = 1L;

    public BundleVerificationException(String message) {
        super(message);
    }
}
