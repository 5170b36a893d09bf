package org.walle.stream.trigger.internal;

import java.util.Arrays;

import org.walle.stream.event.Event;
import org.walle.stream.trigger.TriggerMatch;

/**
 * The events a partial match has taken so far, as an immutable list linked backwards. Partial matches that branch
 * from one trie node share their common prefix instead of copying it.
 */
public final class MatchChain {
    final Event event;
    final long sequence;
    final MatchChain previous;
    final int length;

    private MatchChain(Event event, long sequence, MatchChain previous) {
        this.event = event;
        this.sequence = sequence;
        this.previous = previous;
        this.length = previous == null ? 1 : previous.length + 1;
    }

    public static MatchChain first(Event event, long sequence) {
        return new MatchChain(event, sequence, null);
    }

    public MatchChain append(Event next, long nextSequence) {
        return new MatchChain(next, nextSequence, this);
    }

    public int length() {
        return length;
    }

    public TriggerMatch toMatch(String triggerId) {
        Event[] events = new Event[length];
        long[] seqs = new long[length];
        MatchChain c = this;
        for (int i = length - 1; i >= 0; i--, c = c.previous) {
            events[i] = c.event;
            seqs[i] = c.sequence;
        }
        return new TriggerMatch(triggerId, Arrays.asList(events), seqs);
    }
}
