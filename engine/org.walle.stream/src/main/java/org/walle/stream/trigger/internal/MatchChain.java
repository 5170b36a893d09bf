package org.walle.stream.trigger.internal;

import java.util.Objects;

import org.walle.stream.event.Event;

/**
 * The events a partial match has taken so far, as an immutable list linked backwards (last event first). Partial
 * matches that branch from one trie node share their common prefix instead of copying it, and a fired
 * {@link org.walle.stream.trigger.TriggerMatch} keeps the chain itself: firing costs one small object, not a copy
 * of the events. Immutability is what makes that safe: later events never change a chain that was handed out.
 */
public final class MatchChain {
    private final Event event;
    private final long sequence;
    private final MatchChain previous;
    private final int length;

    private MatchChain(Event event, long sequence, MatchChain previous) {
        this.event = Objects.requireNonNull(event, "event");
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

    /** The last (newest) event of the chain. */
    public Event event() {
        return event;
    }

    /** Stream position of {@link #event()}. */
    public long sequence() {
        return sequence;
    }

    /** The chain without its last event, or null for a chain of one. */
    public MatchChain previous() {
        return previous;
    }

    /** Stream position of the first (oldest) event. */
    public long firstSequence() {
        MatchChain c = this;
        while (c.previous != null) {
            c = c.previous;
        }
        return c.sequence;
    }

    /** The events in step order (oldest first), as a new array. */
    public Event[] events() {
        Event[] events = new Event[length];
        int i = length;
        for (MatchChain c = this; c != null; c = c.previous) {
            events[--i] = c.event;
        }
        return events;
    }

    /** The stream positions in step order (oldest first), as a new array. */
    public long[] sequences() {
        long[] seqs = new long[length];
        int i = length;
        for (MatchChain c = this; c != null; c = c.previous) {
            seqs[--i] = c.sequence;
        }
        return seqs;
    }

    /**
     * Compares the position lists oldest first, like {@link java.util.Arrays#compare(long[], long[])}: the first
     * differing position decides, else the shorter chain comes first. Walks both chains once without copying.
     */
    public static int compareSequences(MatchChain a, MatchChain b) {
        int lengthOrder = Integer.compare(a.length, b.length);
        // the longer chain's extra (newest) events only matter when the common prefix is equal
        while (a.length > b.length) {
            a = a.previous;
        }
        while (b.length > a.length) {
            b = b.previous;
        }
        int order = 0;
        for (; a != null; a = a.previous, b = b.previous) {
            if (a.sequence != b.sequence) {
                order = Long.compare(a.sequence, b.sequence); // the oldest difference seen last wins
            }
        }
        return order != 0 ? order : lengthOrder;
    }

    /** True when both chains hold the same positions. */
    public static boolean sameSequences(MatchChain a, MatchChain b) {
        if (a.length != b.length) {
            return false;
        }
        for (; a != null; a = a.previous, b = b.previous) {
            if (a == b) {
                return true; // a shared prefix
            }
            if (a.sequence != b.sequence) {
                return false;
            }
        }
        return true;
    }
}
