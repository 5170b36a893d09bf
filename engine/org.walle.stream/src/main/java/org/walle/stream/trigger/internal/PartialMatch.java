package org.walle.stream.trigger.internal;

/** Events matched for one trie prefix, waiting at {@link #node} for a child's step. */
final class PartialMatch {
    final TrieNode node;
    final MatchChain chain;
    final long startTime;
    final long startSequence;
    boolean dead;
    /** Children this match already advanced into: skip-till-next-match takes each edge only once. */
    private TrieNode[] taken = new TrieNode[2];
    private int takenCount;

    PartialMatch(TrieNode node, MatchChain chain, long startTime, long startSequence) {
        this.node = node;
        this.chain = chain;
        this.startTime = startTime;
        this.startSequence = startSequence;
    }

    boolean hasTaken(TrieNode child) {
        for (int i = 0; i < takenCount; i++) {
            if (taken[i] == child) {
                return true;
            }
        }
        return false;
    }

    void take(TrieNode child) {
        if (takenCount == taken.length) {
            taken = java.util.Arrays.copyOf(taken, takenCount * 2);
        }
        taken[takenCount++] = child;
    }
}
