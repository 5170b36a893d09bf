package org.walle.pyvm;

import java.util.List;

/**
 * The outcome of a successful task run.
 *
 * @param taskId        the task
 * @param outputs       what the script emitted through walle.output, in order
 * @param stdout        what the script printed (truncated at the context's limit)
 * @param warmStart     whether the interpreter came pre-initialised from the pool
 * @param startMicros   from the call to the first line of the script (interpreter, sandbox, compile)
 * @param runMicros     the script itself
 * @param allocatedBytes bytes the task thread allocated while running the script
 * @param cpuMicros     CPU time the task thread spent running the script (less than {@code runMicros} when the
 *                      thread waited or other work had the core; 0 when the JVM does not measure thread CPU time)
 */
public record TaskResult(String taskId, List<TaskOutput> outputs, String stdout, boolean warmStart, long startMicros,
        long runMicros, long allocatedBytes, long cpuMicros) {
    public TaskResult {
        outputs = List.copyOf(outputs);
    }

    /** The first RESULT output with this name. */
    public java.util.Optional<Object> result(String name) {
        return outputs.stream().filter(o -> o.kind() == TaskOutput.Kind.RESULT && o.name().equals(name))
                .map(TaskOutput::value).findFirst();
    }
}
