package org.walle.stream.trigger;

import java.util.Collection;
import java.util.List;

import org.walle.stream.event.Event;

/**
 * Matches a stream of events against a changing set of triggers. Events must arrive with non-decreasing timestamps;
 * the n-th event offered gets sequence number n (from 0). Not thread-safe: one engine per event stream.
 */
public interface TriggerEngine {
    /** Adds a trigger; it sees only events offered after this call. Throws if the id is already present. */
    void addTrigger(Trigger trigger);

    /** Removes a trigger and its partial matches; returns false when no trigger had that id. */
    boolean removeTrigger(String triggerId);

    Collection<Trigger> triggers();

    /** Advances all partial matches with one event; returns the matches it completed, sorted. */
    List<TriggerMatch> onEvent(Event event);

    /** Number of partial matches currently held (the memory the engine uses grows with this). */
    int livePartialMatches();

    /** Partial matches dropped because the cap was reached (not counting normal window expiry). */
    long evictedPartialMatches();

    /** Sequence number the next event will get. */
    long nextSequence();
}
