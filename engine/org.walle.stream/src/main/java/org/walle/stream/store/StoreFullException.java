package org.walle.stream.store;

/** A write was refused because it would exceed a size cap; the store is unchanged. */
public final class StoreFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public StoreFullException(String message) {
        super(message);
    }
}
