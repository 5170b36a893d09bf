package org.walle.pyvm;

import java.util.LinkedHashMap;
import java.util.Map;

import org.walle.engine.graph.Graph;

/**
 * What one task invocation gets: named inputs, the trigger's matched events, the collective storage, the sink
 * for emitted values, and models built in Java (found by {@code walle.model.load(name)} before package
 * resources). Build with {@link #builder()}.
 */
public final class TaskContext {
    private final Map<String, Object> inputs;
    private final TriggerEvents events;
    private final CollectiveState state;
    private final OutputSink sink;
    private final Map<String, Graph> graphs;
    private final TaskLimits limits;
    private final int maxStdoutChars;

    private TaskContext(Builder b) {
        inputs = Map.copyOf(b.inputs);
        events = b.events;
        state = b.state;
        sink = b.sink;
        graphs = Map.copyOf(b.graphs);
        limits = b.limits;
        maxStdoutChars = b.maxStdoutChars;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Input values: String, Long, Double, Boolean, byte[], Tensor, List, Map. */
    public Map<String, Object> inputs() {
        return inputs;
    }

    public TriggerEvents events() {
        return events;
    }

    public CollectiveState state() {
        return state;
    }

    public OutputSink sink() {
        return sink;
    }

    public Map<String, Graph> graphs() {
        return graphs;
    }

    /** Limits overriding the manifest's, or null to use the manifest's. */
    public TaskLimits limits() {
        return limits;
    }

    public int maxStdoutChars() {
        return maxStdoutChars;
    }

    public static final class Builder {
        private final Map<String, Object> inputs = new LinkedHashMap<>();
        private TriggerEvents events = TriggerEvents.NONE;
        private CollectiveState state = new InMemoryCollectiveState();
        private OutputSink sink = OutputSink.DISCARD;
        private final Map<String, Graph> graphs = new LinkedHashMap<>();
        private TaskLimits limits;
        private int maxStdoutChars = 1 << 20;

        public Builder input(String name, Object value) {
            inputs.put(name, value);
            return this;
        }

        public Builder inputs(Map<String, ?> values) {
            inputs.putAll(values);
            return this;
        }

        public Builder events(TriggerEvents e) {
            events = e;
            return this;
        }

        public Builder state(CollectiveState s) {
            state = s;
            return this;
        }

        public Builder sink(OutputSink s) {
            sink = s;
            return this;
        }

        public Builder graph(String name, Graph g) {
            graphs.put(name, g);
            return this;
        }

        public Builder limits(TaskLimits l) {
            limits = l;
            return this;
        }

        public Builder maxStdoutChars(int chars) {
            maxStdoutChars = chars;
            return this;
        }

        public TaskContext build() {
            return new TaskContext(this);
        }
    }
}
