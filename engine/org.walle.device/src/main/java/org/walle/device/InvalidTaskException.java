package org.walle.device;

/** A bundle or task folder the device refuses to install; the message names the source and what is wrong. */
public final class InvalidTaskException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidTaskException(String source, String problem) {
        super("invalid task " + source + ": " + problem);
    }
}
