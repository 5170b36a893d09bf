package org.walle.pyvm;

/**
 * A Python error in a task script (including sandbox refusals): the task id, script file, line number, Python
 * exception type and message, plus the Python traceback text.
 */
public final class TaskScriptException extends TaskException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final String pythonType;
    private final String pythonMessage;
    private final String traceback;

    public TaskScriptException(String taskId, String file, int line, String pythonType, String pythonMessage,
            String traceback, Throwable cause) {
        super(taskId, "task " + taskId + ": " + file + ":" + line + ": " + pythonType + ": " + pythonMessage, cause);
        this.file = file;
        this.line = line;
        this.pythonType = pythonType;
        this.pythonMessage = pythonMessage;
        this.traceback = traceback;
    }

    /** The script, relative to the package root (e.g. {@code main.py}). */
    public String file() {
        return file;
    }

    /** 1-based line, 0 when unknown. */
    public int line() {
        return line;
    }

    /** e.g. {@code ZeroDivisionError}, {@code ImportError}, {@code SandboxError}. */
    public String pythonType() {
        return pythonType;
    }

    public String pythonMessage() {
        return pythonMessage;
    }

    public String traceback() {
        return traceback;
    }
}
