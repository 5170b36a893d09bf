package org.walle.stream.internal;

import java.io.IOException;

/** A log or snapshot is damaged in a way a crash cannot explain (not a torn tail). */
public final class CorruptLogException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptLogException(String message) {
        super(message);
    }
}
