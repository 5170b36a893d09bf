package org.walle.stream.trigger;

/**
 * Receives fired triggers. The Python task VM implements it to run the task bound to {@link TriggerMatch#triggerId()}
 * with the matched events.
 */
@FunctionalInterface
public interface TaskRunner {
    void run(TriggerMatch match);
}
