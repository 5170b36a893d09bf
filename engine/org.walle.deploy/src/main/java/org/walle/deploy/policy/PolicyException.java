package org.walle.deploy.policy;

/** An invalid policy rule; {@link #path()} is the JSON path of the bad node. */
public final class PolicyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public PolicyException(String path, String message) {
        super("policy rule " + path + ": " + message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
