package org.walle.pyvm;

/**
 * One value a task emitted through {@code walle.output}.
 *
 * @param taskId the task that emitted it
 * @param kind   {@link Kind#RESULT} (the task's answer) or {@link Kind#FEATURE} (an intermediate feature)
 * @param name   the name the script gave
 * @param value  JSON-like Java value or an engine {@code Tensor}
 */
public record TaskOutput(String taskId, Kind kind, String name, Object value) {
    public enum Kind { RESULT, FEATURE }
}
