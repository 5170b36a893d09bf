package org.walle.pyvm;

/** A task stopped by the VM because it broke one of its {@link TaskLimits}. */
public final class TaskLimitException extends TaskException {
    private static final long serialVersionUID = 1L;
    private final Limit limit;
    private final String file;
    private final int line;

    public enum Limit { TIME, ALLOCATION }

    public TaskLimitException(String taskId, Limit limit, String detail, String file, int line) {
        super(taskId, "task " + taskId + " stopped: " + detail + (file == null ? "" : " (at " + file + ":" + line + ")"),
                null);
        this.limit = limit;
        this.file = file;
        this.line = line;
    }

    public Limit limit() {
        return limit;
    }

    /** The script the task was running when it was stopped, or null. */
    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
