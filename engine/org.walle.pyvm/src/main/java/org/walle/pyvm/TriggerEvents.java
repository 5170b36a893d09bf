package org.walle.pyvm;

import java.util.List;

/**
 * What fired a task: the trigger's name and the events it matched, oldest first. The stream module implements
 * this from its trie matcher; scripts read it through {@code walle.events}.
 */
public interface TriggerEvents {
    /** No trigger: a task started by hand (CLI, editor). */
    TriggerEvents NONE = of("", List.of());

    String trigger();

    List<TriggerEvent> matched();

    static TriggerEvents of(String trigger, List<TriggerEvent> events) {
        List<TriggerEvent> copy = List.copyOf(events);
        return new TriggerEvents() {
            @Override
            public String trigger() {
                return trigger;
            }

            @Override
            public List<TriggerEvent> matched() {
                return copy;
            }
        };
    }
}
