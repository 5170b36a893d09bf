package org.walle.stream.store;

/** A task touched a namespace it was not granted. */
public final class StoreAccessException extends SecurityException {
    private static final long serialVersionUID = 1L;

    public StoreAccessException(String message) {
        super(message);
    }
}
