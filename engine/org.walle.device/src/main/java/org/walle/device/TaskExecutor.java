package org.walle.device;

/**
 * Runs a fired task. The Python VM implements it for real tasks; a fleet shares one executor (pooled interpreters,
 * created only when a task fires) while every request carries its own device's state, so devices share code but
 * never state. Implementations must be thread-safe.
 */
public interface TaskExecutor extends AutoCloseable {

    /** Runs the task once; script errors come back in the result, never as exceptions. */
    TaskRunResult run(TaskRunRequest request);

    @Override
    default void close() {
    }
}
