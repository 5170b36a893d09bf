package org.walle.stream.trigger;

import java.util.Collection;
import java.util.List;

import org.walle.stream.event.Event;
import org.walle.stream.trigger.internal.TriggerTrie;

/**
 * The production engine: every trigger lives in one trie, so triggers sharing a step prefix share the partial
 * matches (and the work) for that prefix. Memory is bounded by windows and by {@code maxPartialMatches} (oldest
 * evicted first).
 */
public final class TrieTriggerEngine implements TriggerEngine {
    /** Default cap on partial matches held at once. */
    public static final int DEFAULT_MAX_PARTIAL_MATCHES = 100_000;

    private final TriggerTrie trie;

    public TrieTriggerEngine() {
        this(DEFAULT_MAX_PARTIAL_MATCHES);
    }

    public TrieTriggerEngine(int maxPartialMatches) {
        this.trie = new TriggerTrie(maxPartialMatches);
    }

    @Override
    public void addTrigger(Trigger trigger) {
        trie.add(trigger);
    }

    @Override
    public boolean removeTrigger(String triggerId) {
        return trie.remove(triggerId);
    }

    @Override
    public Collection<Trigger> triggers() {
        return trie.triggers();
    }

    @Override
    public List<TriggerMatch> onEvent(Event event) {
        return trie.onEvent(event);
    }

    @Override
    public int livePartialMatches() {
        return trie.livePartialMatches();
    }

    @Override
    public long evictedPartialMatches() {
        return trie.evictedPartialMatches();
    }

    @Override
    public long nextSequence() {
        return trie.nextSequence();
    }

    /** Trie nodes below the root: with shared prefixes this is less than the sum of trigger lengths. */
    public int nodeCount() {
        return trie.nodeCount();
    }
}
