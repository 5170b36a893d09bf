package org.walle.pyvm;

/** Receives what scripts emit; called on the task's thread, so implementations must be thread-safe. */
@FunctionalInterface
public interface OutputSink {
    OutputSink DISCARD = o -> { };

    void accept(TaskOutput output);
}
