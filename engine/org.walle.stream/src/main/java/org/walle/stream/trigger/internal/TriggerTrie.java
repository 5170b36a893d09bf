package org.walle.stream.trigger.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.stream.event.Event;
import org.walle.stream.trigger.Step;
import org.walle.stream.trigger.Trigger;
import org.walle.stream.trigger.TriggerMatch;

/**
 * All triggers in one trie of steps. A partial match waits at its node; each child edge keeps a cursor into the
 * node's partial matches (those before it have taken the edge). An event looks up the edges it matches
 * ({@link EdgeIndex}) and advances every partial match after each edge's cursor, then moves the cursor to the end.
 * So an event touches only partial matches it advances (or finds expired), never those waiting for other events,
 * and creating a partial match costs one append however many children its node has. Memory is bounded by window
 * expiry (on visit plus a periodic sweep of nodes no event visits) and by a global cap that evicts the oldest.
 */
public final class TriggerTrie {
    private static final int SWEEP_EVERY = 4096;

    private final TrieNode root = new TrieNode(null, null, 0);
    private final Map<String, TrieNode.Registered> byId = new LinkedHashMap<>();
    private final EdgeIndex edges = new EdgeIndex();
    private final ArrayDeque<PartialMatch> oldestFirst = new ArrayDeque<>();
    private final AbsenceTracker absence = new AbsenceTracker();
    private final int maxPartialMatches;
    /** Partial matches created by the current event: parked so they cannot advance again on the same event. */
    private final List<PartialMatch> created = new ArrayList<>();
    private final FireCollector fired = new FireCollector();
    /** The one-event chain of the current event, shared by every trigger it starts. */
    private MatchChain startChain;
    /** Set by add/remove: the trigger ranks that order the fires need recomputing before the next event. */
    private boolean ranksStale;
    private long nextSequence;
    private long lastTime = Long.MIN_VALUE;
    private int live;
    private long evicted;

    public TriggerTrie(int maxPartialMatches) {
        if (maxPartialMatches < 1) {
            throw new IllegalArgumentException("maxPartialMatches must be >= 1, got " + maxPartialMatches);
        }
        this.maxPartialMatches = maxPartialMatches;
    }

    public void add(Trigger trigger) {
        if (byId.containsKey(trigger.id())) {
            throw new IllegalArgumentException("a trigger with id '" + trigger.id() + "' is already registered");
        }
        TrieNode node = root;
        for (Step step : trigger.steps()) {
            TrieNode child = node.children.get(step);
            if (child == null) {
                child = new TrieNode(step, node, nextSequence);
                child.cursor = node.waiting.size(); // older partial matches started before the edge existed
                node.children.put(step, child);
                node.childList.add(child);
                edges.add(child);
            }
            node = child;
        }
        TrieNode.Registered registered = new TrieNode.Registered(trigger, absence.register(trigger.absent()),
                nextSequence, node);
        node.addTerminal(registered);
        byId.put(trigger.id(), registered);
        ranksStale = true;
        node.refreshWindowsUpwards();
    }

    public boolean remove(String triggerId) {
        TrieNode.Registered registered = byId.remove(triggerId);
        if (registered == null) {
            return false;
        }
        absence.unregister(registered.trigger.absent());
        ranksStale = true;
        TrieNode node = registered.node;
        node.removeTerminal(registered);
        // a node without children holds no partial matches (each lost its last pending edge below), so pruning
        // childless nodes bottom-up only has to release the parent's partial matches from the pruned edge
        while (node != root && node.terminals.length == 0 && node.children.isEmpty()) {
            TrieNode parent = node.parent;
            parent.children.remove(node.step);
            parent.childList.remove(node);
            edges.remove(node);
            releaseEdge(node);
            node = parent;
        }
        node.refreshWindowsUpwards();
        return true;
    }

    public Collection<Trigger> triggers() {
        List<Trigger> all = new ArrayList<>();
        byId.values().forEach(r -> all.add(r.trigger));
        return Collections.unmodifiableList(all);
    }

    public List<TriggerMatch> onEvent(Event event) {
        if (event.timestamp() < lastTime) {
            throw new IllegalArgumentException("event timestamps must not decrease: got " + event.timestamp()
                    + " after " + lastTime + " (" + event + ")");
        }
        lastTime = event.timestamp();
        long seq = nextSequence++;
        if (ranksStale) {
            rankTriggers();
        }
        EdgeIndex.EventEdges matching = edges.lookup(event);
        if (matching != null) {
            startChain = null;
            takeEdges(matching.anyPage, event, seq);
            takeEdges(matching.onPage(event.pageId()), event, seq);
            for (int i = 0; i < created.size(); i++) {
                enqueue(created.get(i));
            }
            created.clear();
        }
        absence.record(event, seq);
        enforceCap();
        if (seq % SWEEP_EVERY == SWEEP_EVERY - 1) {
            sweep(event.timestamp());
        }
        return fired.takeSorted();
    }

    private void rankTriggers() {
        List<TrieNode.Registered> all = new ArrayList<>(byId.values());
        all.sort((a, b) -> a.id.compareTo(b.id));
        for (int i = 0; i < all.size(); i++) {
            all.get(i).rank = i;
        }
        ranksStale = false;
    }

    private void takeEdges(List<TrieNode> matchingEdges, Event event, long seq) {
        if (matchingEdges == null) {
            return;
        }
        for (int i = 0; i < matchingEdges.size(); i++) {
            TrieNode edge = matchingEdges.get(i);
            if (edge.parent == root) {
                arrive(edge, null, event, seq, event.timestamp(), seq);
            } else if (edge.cursor < edge.parent.waiting.size()) {
                drain(edge, event, seq);
            }
        }
    }

    /**
     * Every partial match at the edge's parent that has not taken {@code edge} yet takes this event (or turns out
     * expired). Partial matches created by this event are only appended later, so they cannot take it too.
     */
    private void drain(TrieNode edge, Event event, long seq) {
        long now = event.timestamp();
        TrieNode parent = edge.parent;
        List<PartialMatch> waiting = parent.waiting;
        int end = waiting.size();
        for (int i = edge.cursor; i < end; i++) {
            PartialMatch m = waiting.get(i);
            if (m.dead || edge.createdSequence > m.startSequence) {
                continue; // the edge came after this match started: its trigger must not see older events
            }
            if (m.expiredAt(now)) {
                kill(m);
                continue;
            }
            if (now - m.startTime <= edge.subtreeWindow) {
                arrive(edge, m.chain, event, seq, m.startTime, m.startSequence);
            }
            if (--m.pendingEdges == 0) {
                kill(m);
            }
        }
        edge.cursor = end;
        if (parent.deadWaiting > 32 && parent.deadWaiting * 2 > end) {
            compact(parent);
        }
    }

    /** A pruned edge will never be taken: partial matches still waiting for it have one edge less to wait for. */
    private void releaseEdge(TrieNode edge) {
        List<PartialMatch> waiting = edge.parent.waiting;
        for (int i = edge.cursor; i < waiting.size(); i++) {
            PartialMatch m = waiting.get(i);
            if (!m.dead && edge.createdSequence <= m.startSequence && --m.pendingEdges == 0) {
                kill(m);
            }
        }
    }

    /** Removes the dead partial matches of {@code node} and moves its children's cursors along. */
    private static void compact(TrieNode node) {
        List<PartialMatch> waiting = node.waiting;
        int size = waiting.size();
        int[] keptBefore = new int[size + 1];
        int kept = 0;
        for (int i = 0; i < size; i++) {
            keptBefore[i] = kept;
            PartialMatch m = waiting.get(i);
            if (!m.dead) {
                waiting.set(kept++, m);
            }
        }
        keptBefore[size] = kept;
        waiting.subList(kept, size).clear();
        for (TrieNode child : node.childList) {
            child.cursor = keptBefore[child.cursor];
        }
        node.deadWaiting = 0;
    }

    /**
     * A partial match (or, with a null {@code prefix}, the current event alone) reached {@code node} with this
     * event: fire the triggers ending here, and wait for the children. The chain is only built when needed.
     */
    private void arrive(TrieNode node, MatchChain prefix, Event event, long seq, long startTime,
            long startSequence) {
        long elapsed = event.timestamp() - startTime;
        MatchChain chain = null;
        for (TrieNode.Registered r : node.terminals) {
            if (startSequence >= r.addedSequence && elapsed <= r.windowMillis
                    && (r.absent == null || r.absent.noneSince(startSequence))) {
                chain = chain != null ? chain : extend(prefix, event, seq);
                fired.add(r, chain);
            }
        }
        if (!node.childList.isEmpty() && elapsed <= node.keepWindow) {
            chain = chain != null ? chain : extend(prefix, event, seq);
            created.add(new PartialMatch(node, chain, startTime, startSequence));
        }
    }

    private MatchChain extend(MatchChain prefix, Event event, long seq) {
        if (prefix != null) {
            return prefix.append(event, seq);
        }
        if (startChain == null) {
            startChain = MatchChain.first(event, seq);
        }
        return startChain;
    }

    /**
     * Parks a new partial match at its node, unless no child edge is usable by it (all came after its start).
     * Children are in creation order, so the usable ones are a prefix of them.
     */
    private void enqueue(PartialMatch m) {
        List<TrieNode> children = m.node.childList;
        int usable = children.size();
        while (usable > 0 && children.get(usable - 1).createdSequence > m.startSequence) {
            usable--;
        }
        if (usable == 0) {
            return;
        }
        m.pendingEdges = usable;
        m.node.waiting.add(m);
        oldestFirst.addLast(m);
        live++;
    }

    private void kill(PartialMatch m) {
        if (!m.dead) {
            m.dead = true;
            m.node.deadWaiting++;
            live--;
        }
    }

    private void enforceCap() {
        while (live > maxPartialMatches) {
            PartialMatch oldest = oldestFirst.pollFirst();
            if (!oldest.dead) {
                kill(oldest);
                evicted++;
            }
        }
        if (oldestFirst.size() > 2 * live + 1024) {
            oldestFirst.removeIf(m -> m.dead);
        }
    }

    /** Drops dead and expired partial matches everywhere, including nodes no recent event visited. */
    private void sweep(long now) {
        ArrayDeque<TrieNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            TrieNode node = todo.pop();
            for (PartialMatch m : node.waiting) {
                if (!m.dead && m.expiredAt(now)) {
                    kill(m);
                }
            }
            if (node.deadWaiting > 0) {
                compact(node);
            }
            node.childList.forEach(todo::push);
        }
        oldestFirst.removeIf(m -> m.dead);
    }

    public int livePartialMatches() {
        return live;
    }

    public long evictedPartialMatches() {
        return evicted;
    }

    public long nextSequence() {
        return nextSequence;
    }

    /** Number of trie nodes below the root (shared prefixes count once). */
    public int nodeCount() {
        int count = 0;
        ArrayDeque<TrieNode> todo = new ArrayDeque<>(root.childList);
        while (!todo.isEmpty()) {
            TrieNode node = todo.pop();
            count++;
            todo.addAll(node.childList);
        }
        return count;
    }
}
