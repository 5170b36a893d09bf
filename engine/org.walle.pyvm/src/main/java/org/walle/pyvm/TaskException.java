package org.walle.pyvm;

/** Base of the errors a task run reports; always names the task. */
public class TaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String taskId;

    public TaskException(String taskId, String message, Throwable cause) {
        super(message, cause);
        this.taskId = taskId;
    }

    public String taskId() {
        return taskId;
    }
}
