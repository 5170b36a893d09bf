package org.walle.stream.trigger.internal;

/**
 * Events matched for one trie prefix, waiting at {@link #node} for its children's steps. Skip-till-next-match takes
 * each child edge once; {@link #pendingEdges} counts the usable edges it has not taken yet, and at zero it is
 * finished.
 */
final class PartialMatch {
    final TrieNode node;
    final MatchChain chain;
    final long startTime;
    final long startSequence;
    int pendingEdges;
    /** Finished, expired, evicted or removed with its trigger: its node drops it at the next compaction. */
    boolean dead;

    PartialMatch(TrieNode node, MatchChain chain, long startTime, long startSequence) {
        this.node = node;
        this.chain = chain;
        this.startTime = startTime;
        this.startSequence = startSequence;
    }

    /** True when no trigger below its node can complete it any more, as of {@code now}. */
    boolean expiredAt(long now) {
        return now - startTime > node.keepWindow;
    }
}
