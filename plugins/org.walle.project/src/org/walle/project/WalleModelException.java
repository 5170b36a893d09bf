package org.walle.project;

/**
 * A {@code walle.project} file that cannot be used: not XML, not a Walle project, or a model that breaks a rule.
 * The message names the file, the line when known and what is wrong; the file itself is never touched.
 */
public final class WalleModelException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final String problem;

    public WalleModelException(String file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The file as the user knows it (workspace path or file name). */
    public String file() {
        return file;
    }

    /** 1-based line of the problem, 0 when unknown. */
    public int line() {
        return line;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
