package org.walle.stream.trigger;

import java.util.List;
import java.util.Objects;

import org.walle.stream.event.Event;

/** Feeds events to an engine and hands every fired trigger to the task runner, in firing order. */
public final class TriggerDispatcher {
    private final TriggerEngine engine;
    private final TaskRunner runner;
    private long fired;

    public TriggerDispatcher(TriggerEngine engine, TaskRunner runner) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    public List<TriggerMatch> offer(Event event) {
        List<TriggerMatch> matches = engine.onEvent(event);
        for (TriggerMatch match : matches) {
            fired++;
            runner.run(match);
        }
        return matches;
    }

    public TriggerEngine engine() {
        return engine;
    }

    public long firedCount() {
        return fired;
    }
}
