package org.walle.device;

/**
 * A value a task emitted ({@code walle.output}): {@code kind} is {@code result} or {@code feature}; {@code value}
 * is JSON-like (String, Number, Boolean, List, Map, null).
 */
public record DeviceOutput(String taskId, String kind, String name, Object value) {
}
