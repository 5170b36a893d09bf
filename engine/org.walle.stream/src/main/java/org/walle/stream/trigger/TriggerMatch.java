package org.walle.stream.trigger;

import java.util.List;
import java.util.Objects;

import org.walle.stream.event.Event;
import org.walle.stream.trigger.internal.MatchChain;

/**
 * A fired trigger: its id, the matched events in step order and their positions (sequence numbers) in the stream.
 * Two matches are equal when they name the same trigger and the same stream positions. Immutable.
 *
 * <p>A match is a view over the engine's immutable chain of matched events: the event list is only built when
 * {@link #events()} is first asked for, because most consumers (checkpoint keys, counting, sorting) never need it
 * and an engine with many triggers fires dozens of times per event.
 */
public final class TriggerMatch implements Comparable<TriggerMatch> {
    private final String triggerId;
    private final MatchChain chain;
    /** Built on first use; an immutable list, so a racy first use from two threads is harmless. */
    private List<Event> events;

    public TriggerMatch(String triggerId, List<Event> events, long[] sequence) {
        this(triggerId, chainOf(events, sequence));
    }

    /** For engines: shares {@code chain} (immutable) instead of copying it. */
    public TriggerMatch(String triggerId, MatchChain chain) {
        this.triggerId = Objects.requireNonNull(triggerId, "triggerId");
        this.chain = Objects.requireNonNull(chain, "chain");
    }

    private static MatchChain chainOf(List<Event> events, long[] sequence) {
        if (events.size() != sequence.length) {
            throw new IllegalArgumentException("events and sequence numbers differ in length");
        }
        if (sequence.length == 0) {
            throw new IllegalArgumentException("a match needs at least one event");
        }
        MatchChain chain = MatchChain.first(events.get(0), sequence[0]);
        for (int i = 1; i < sequence.length; i++) {
            chain = chain.append(events.get(i), sequence[i]);
        }
        return chain;
    }

    public String triggerId() {
        return triggerId;
    }

    public List<Event> events() {
        List<Event> list = events;
        if (list == null) {
            list = List.of(chain.events());
            events = list;
        }
        return list;
    }

    /** Number of matched events (the trigger's step count). */
    public int size() {
        return chain.length();
    }

    /** Stream positions of the matched events, in step order (a fresh array). */
    public long[] sequence() {
        return chain.sequences();
    }

    public long firstSequence() {
        return chain.firstSequence();
    }

    public long lastSequence() {
        return chain.sequence();
    }

    /** A stable key ("trigger:seq,seq,...") used by checkpoints to recognise a fire after a crash. */
    public String key() {
        long[] sequence = chain.sequences();
        StringBuilder sb = new StringBuilder(triggerId).append(':');
        for (int i = 0; i < sequence.length; i++) {
            sb.append(i == 0 ? "" : ",").append(sequence[i]);
        }
        return sb.toString();
    }

    @Override
    public int compareTo(TriggerMatch o) {
        int c = triggerId == o.triggerId ? 0 : triggerId.compareTo(o.triggerId); // engines share the id
        return c != 0 ? c : MatchChain.compareSequences(chain, o.chain);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TriggerMatch && triggerId.equals(((TriggerMatch) o).triggerId)
                && MatchChain.sameSequences(chain, ((TriggerMatch) o).chain);
    }

    @Override
    public int hashCode() {
        // Arrays.hashCode of the positions (oldest first), computed walking the chain newest first
        int hash = 0;
        int weight = 1;
        for (MatchChain c = chain; c != null; c = c.previous()) {
            hash += weight * Long.hashCode(c.sequence());
            weight *= 31;
        }
        return triggerId.hashCode() * 31 + hash + weight;
    }

    @Override
    public String toString() {
        return key();
    }
}
