package org.walle.stream.trigger.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.walle.stream.trigger.Step;
import org.walle.stream.trigger.Trigger;

/**
 * A trie node = a step prefix shared by every trigger below it. It holds the partial matches that have matched this
 * prefix and wait for one of the children's steps, plus the triggers that end exactly here.
 */
final class TrieNode {
    final Step step;
    final TrieNode parent;
    /** Sequence number of the first event this node could see; older partial matches never enter it. */
    final long createdSequence;
    final Map<Step, TrieNode> children = new HashMap<>();
    /** The same children as a list: iterated on every advance, where a HashMap view would allocate. */
    final List<TrieNode> childList = new ArrayList<>();
    final List<Registered> terminals = new ArrayList<>(1);
    final List<PartialMatch> waiting = new ArrayList<>();
    /** Largest window of any trigger ending at or below this node. */
    long subtreeWindow = -1;
    /** Largest window of any trigger strictly below: how long a partial match is worth keeping here. */
    long keepWindow = -1;

    TrieNode(Step step, TrieNode parent, long createdSequence) {
        this.step = step;
        this.parent = parent;
        this.createdSequence = createdSequence;
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

    /** True when {@code match} already advanced into, or can never use, every child. */
    boolean exhaustedFor(PartialMatch match) {
        for (int i = 0; i < childList.size(); i++) {
            TrieNode child = childList.get(i);
            if (child.createdSequence <= match.startSequence && !match.hasTaken(child)) {
                return false;
            }
        }
        return true;
    }

    /** A trigger plus the sequence number from which it may match. */
    static final class Registered {
        final Trigger trigger;
        final long addedSequence;
        final TrieNode node;

        Registered(Trigger trigger, long addedSequence, TrieNode node) {
            this.trigger = trigger;
            this.addedSequence = addedSequence;
            this.node = node;
        }
    }
}
