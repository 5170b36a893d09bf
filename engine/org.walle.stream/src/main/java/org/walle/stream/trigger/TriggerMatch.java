package org.walle.stream.trigger;

import java.util.Arrays;
import java.util.List;

import org.walle.stream.event.Event;

/**
 * A fired trigger: its id, the matched events in step order and their positions (sequence numbers) in the stream.
 * Two matches are equal when they name the same trigger and the same stream positions.
 */
public final class TriggerMatch implements Comparable<TriggerMatch> {
    private final String triggerId;
    private final List<Event> events;
    private final long[] sequence;

    public TriggerMatch(String triggerId, List<Event> events, long[] sequence) {
        if (events.size() != sequence.length) {
            throw new IllegalArgumentException("events and sequence numbers differ in length");
        }
        this.triggerId = triggerId;
        this.events = List.copyOf(events);
        this.sequence = sequence.clone();
    }

    public String triggerId() {
        return triggerId;
    }

    public List<Event> events() {
        return events;
    }

    /** Stream positions of the matched events, in step order. */
    public long[] sequence() {
        return sequence.clone();
    }

    public long firstSequence() {
        return sequence[0];
    }

    public long lastSequence() {
        return sequence[sequence.length - 1];
    }

    /** A stable key ("trigger:seq,seq,...") used by checkpoints to recognise a fire after a crash. */
    public String key() {
        StringBuilder sb = new StringBuilder(triggerId).append(':');
        for (int i = 0; i < sequence.length; i++) {
            sb.append(i == 0 ? "" : ",").append(sequence[i]);
        }
        return sb.toString();
    }

    @Override
    public int compareTo(TriggerMatch o) {
        int c = triggerId.compareTo(o.triggerId);
        return c != 0 ? c : Arrays.compare(sequence, o.sequence);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TriggerMatch && triggerId.equals(((TriggerMatch) o).triggerId)
                && Arrays.equals(sequence, ((TriggerMatch) o).sequence);
    }

    @Override
    public int hashCode() {
        return triggerId.hashCode() * 31 + Arrays.hashCode(sequence);
    }

    @Override
    public String toString() {
        return key();
    }
}
