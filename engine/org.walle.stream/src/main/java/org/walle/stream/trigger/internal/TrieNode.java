package org.walle.stream.trigger.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.walle.stream.trigger.Step;
import org.walle.stream.trigger.Trigger;

/**
 * A trie node = a step prefix shared by every trigger below it, reached from its parent by the edge {@link #step}.
 * It holds the partial matches that matched this prefix, in creation order, and the triggers that end exactly here.
 * As an edge it keeps a {@link #cursor} into its parent's partial matches: those before it have taken the edge.
 */
final class TrieNode {
    private static final Registered[] NO_TERMINALS = {};

    final Step step;
    final TrieNode parent;
    /** Sequence number of the first event this node could see; older partial matches never enter it. */
    final long createdSequence;
    final Map<Step, TrieNode> children = new HashMap<>();
    /** The same children as a list: iterated whenever a partial match is created, where a map view would allocate. */
    final List<TrieNode> childList = new ArrayList<>();
    /** Triggers ending here, as an array: scanned on every arrival. */
    Registered[] terminals = NO_TERMINALS;
    /** Partial matches at this node waiting for children's steps, oldest first (dead ones removed in batches). */
    final List<PartialMatch> waiting = new ArrayList<>();
    /** Entries of {@link #waiting} that are dead: when they are half of it, it is compacted. */
    int deadWaiting;
    /**
     * Index into {@link #parent}'s {@link #waiting}: every partial match before it has taken this edge (or cannot).
     * Skip-till-next-match means an event matching {@link #step} advances all partial matches after it at once,
     * so the cursor then moves to the end; events that do not match the step never look at them.
     */
    int cursor;
    /** Largest window of any trigger ending at or below this node. */
    long subtreeWindow = -1;
    /** Largest window of any trigger strictly below: how long a partial match is worth keeping here. */
    long keepWindow = -1;

    TrieNode(Step step, TrieNode parent, long createdSequence) {
        this.step = step;
        this.parent = parent;
        this.createdSequence = createdSequence;
    }

    void addTerminal(Registered r) {
        Registered[] more = java.util.Arrays.copyOf(terminals, terminals.length + 1);
        more[terminals.length] = r;
        terminals = more;
    }

    void removeTerminal(Registered r) {
        List<Registered> kept = new ArrayList<>(List.of(terminals));
        kept.remove(r);
        terminals = kept.toArray(NO_TERMINALS);
    }

    /** Recomputes the window bounds of this node and its ancestors after a trigger was added or removed. */
    void refreshWindowsUpwards() {
        for (TrieNode n = this; n != null; n = n.parent) {
            long keep = -1;
            for (TrieNode child : n.childList) {
                keep = Math.max(keep, child.subtreeWindow);
            }
            long subtree = keep;
            for (Registered r : n.terminals) {
                subtree = Math.max(subtree, r.trigger.windowMillis());
            }
            n.keepWindow = keep;
            n.subtreeWindow = subtree;
        }
    }

    /** A trigger plus the sequence number from which it may match. */
    static final class Registered {
        final Trigger trigger;
        final String id;
        final long windowMillis;
        /** Null when the trigger forbids nothing. */
        final AbsenceTracker.Check absent;
        final long addedSequence;
        final TrieNode node;
        /** Position of {@link #id} among all registered ids in sort order: fires are sorted by it. */
        int rank;

        Registered(Trigger trigger, AbsenceTracker.Check absent, long addedSequence, TrieNode node) {
            this.trigger = trigger;
            this.id = trigger.id();
            this.windowMillis = trigger.windowMillis();
            this.absent = trigger.absent().isEmpty() ? null : absent;
            this.addedSequence = addedSequence;
            this.node = node;
        }
    }
}
