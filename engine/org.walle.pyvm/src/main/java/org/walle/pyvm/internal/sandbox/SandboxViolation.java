package org.walle.pyvm.internal.sandbox;

/** A script the static check refuses; names the file, line and rule. */
public final class SandboxViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;

    public SandboxViolation(String file, int line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
