package org.walle.pyvm;

/**
 * Per-invocation limits of a task: wall-clock time and bytes allocated by the task's thread.
 *
 * @param timeoutMillis   wall-clock time one invocation may take
 * @param maxAllocatedBytes bytes the task thread may allocate in one invocation (cumulative, as measured by the
 *                        JVM's per-thread allocation counter; garbage counts too, so keep it generous)
 */
public record TaskLimits(long timeoutMillis, long maxAllocatedBytes) {
    public static final TaskLimits DEFAULT = new TaskLimits(10_000, 2L << 30);

    public TaskLimits {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be positive, got " + timeoutMillis);
        }
        if (maxAllocatedBytes <= 0) {
            throw new IllegalArgumentException("maxAllocatedBytes must be positive, got " + maxAllocatedBytes);
        }
    }

    public TaskLimits withTimeoutMillis(long millis) {
        return new TaskLimits(millis, maxAllocatedBytes);
    }

    public TaskLimits withMaxAllocatedBytes(long bytes) {
        return new TaskLimits(timeoutMillis, bytes);
    }
}
