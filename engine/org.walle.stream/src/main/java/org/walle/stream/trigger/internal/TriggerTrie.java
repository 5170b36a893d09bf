package org.walle.stream.trigger.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.walle.stream.event.Event;
import org.walle.stream.trigger.Step;
import org.walle.stream.trigger.Trigger;
import org.walle.stream.trigger.TriggerMatch;

/**
 * All triggers in one trie of steps. An event only visits the nodes that have a child edge for its event id (an
 * index kept up to date on add/remove), and advances each partial match waiting there once. Memory is bounded by
 * window expiry (lazy on visit plus a periodic sweep) and by a global cap that evicts the oldest partial matches.
 */
public final class TriggerTrie {
    private static final int SWEEP_EVERY = 4096;

    private final TrieNode root = new TrieNode(null, null, 0);
    private final Map<String, TrieNode.Registered> byId = new LinkedHashMap<>();
    /** event id -> nodes with at least one child edge on that id. */
    private final Map<String, Set<TrieNode>> nodesWaitingOn = new HashMap<>();
    private final ArrayDeque<PartialMatch> oldestFirst = new ArrayDeque<>();
    private final AbsenceTracker absence = new AbsenceTracker();
    private final int maxPartialMatches;
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
                node.children.put(step, child);
                node.childList.add(child);
                nodesWaitingOn.computeIfAbsent(step.eventId(), k -> new LinkedHashSet<>()).add(node);
            }
            node = child;
        }
        TrieNode.Registered registered = new TrieNode.Registered(trigger, nextSequence, node);
        node.terminals.add(registered);
        byId.put(trigger.id(), registered);
        absence.register(trigger.absent());
        node.refreshWindowsUpwards();
    }

    public boolean remove(String triggerId) {
        TrieNode.Registered registered = byId.remove(triggerId);
        if (registered == null) {
            return false;
        }
        absence.unregister(registered.trigger.absent());
        TrieNode node = registered.node;
        node.terminals.remove(registered);
        while (node != root && node.terminals.isEmpty() && node.children.isEmpty()) {
            TrieNode parent = node.parent;
            String eventId = node.step.eventId();
            parent.children.remove(node.step);
            parent.childList.remove(node);
            dropWaiting(node);
            if (parent.children.keySet().stream().noneMatch(s -> s.eventId().equals(eventId))) {
                Set<TrieNode> nodes = nodesWaitingOn.get(eventId);
                nodes.remove(parent);
                if (nodes.isEmpty()) {
                    nodesWaitingOn.remove(eventId);
                }
            }
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
        List<TriggerMatch> fired = new ArrayList<>(0);
        Set<TrieNode> nodes = nodesWaitingOn.get(event.eventId());
        if (nodes != null) {
            Step anyPage = Step.of(event.eventId());
            Step onPage = Step.on(event.eventId(), event.pageId());
            // matches created by this event are parked here so they cannot advance again on the same event
            List<PartialMatch> created = new ArrayList<>();
            for (TrieNode node : nodes) {
                if (node == root) {
                    MatchChain chain = MatchChain.first(event, seq);
                    arrive(node.children.get(anyPage), chain, event.timestamp(), seq, event, fired, created);
                    arrive(node.children.get(onPage), chain, event.timestamp(), seq, event, fired, created);
                } else if (!node.waiting.isEmpty()) {
                    advanceWaiting(node, node.children.get(anyPage), node.children.get(onPage), event, seq, fired,
                            created);
                }
            }
            for (PartialMatch m : created) {
                m.node.waiting.add(m);
                oldestFirst.addLast(m);
                live++;
            }
        }
        absence.record(event, seq);
        enforceCap();
        if (seq % SWEEP_EVERY == SWEEP_EVERY - 1) {
            sweep(event.timestamp());
        }
        Collections.sort(fired);
        return fired;
    }

    private void advanceWaiting(TrieNode node, TrieNode a, TrieNode b, Event event, long seq,
            List<TriggerMatch> fired, List<PartialMatch> created) {
        long now = event.timestamp();
        List<PartialMatch> waiting = node.waiting;
        int size = waiting.size();
        int kept = 0;
        // one pass that advances and compacts in place: removing from the middle of an ArrayList one by one
        // would make a node with many partial matches quadratic
        for (int i = 0; i < size; i++) {
            PartialMatch m = waiting.get(i);
            boolean drop = m.dead || now - m.startTime > node.keepWindow;
            if (!drop) {
                boolean advanced = takeEdge(m, a, event, seq, fired, created);
                advanced |= takeEdge(m, b, event, seq, fired, created);
                drop = advanced && node.exhaustedFor(m);
            }
            if (drop) {
                kill(m);
            } else {
                waiting.set(kept++, m);
            }
        }
        waiting.subList(kept, size).clear();
    }

    private boolean takeEdge(PartialMatch m, TrieNode child, Event event, long seq, List<TriggerMatch> fired,
            List<PartialMatch> created) {
        if (child == null || child.createdSequence > m.startSequence || m.hasTaken(child)) {
            return false;
        }
        m.take(child);
        if (event.timestamp() - m.startTime <= child.subtreeWindow) {
            arrive(child, m.chain.append(event, seq), m.startTime, m.startSequence, event, fired, created);
        }
        return true;
    }

    private void arrive(TrieNode node, MatchChain chain, long startTime, long startSequence, Event event,
            List<TriggerMatch> fired, List<PartialMatch> created) {
        if (node == null) {
            return;
        }
        long elapsed = event.timestamp() - startTime;
        for (TrieNode.Registered r : node.terminals) {
            if (startSequence >= r.addedSequence && elapsed <= r.trigger.windowMillis()
                    && absence.noneSince(r.trigger.absent(), startSequence)) {
                fired.add(chain.toMatch(r.trigger.id()));
            }
        }
        if (!node.children.isEmpty() && elapsed <= node.keepWindow) {
            created.add(new PartialMatch(node, chain, startTime, startSequence));
        }
    }

    private void kill(PartialMatch m) {
        if (!m.dead) {
            m.dead = true;
            live--;
        }
    }

    private void dropWaiting(TrieNode node) {
        node.waiting.forEach(this::kill);
        node.waiting.clear();
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

    /** Drops expired partial matches everywhere, including nodes no recent event visited. */
    private void sweep(long now) {
        ArrayDeque<TrieNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            TrieNode node = todo.pop();
            node.waiting.removeIf(m -> {
                if (m.dead || now - m.startTime > node.keepWindow) {
                    kill(m);
                    return true;
                }
                return false;
            });
            node.children.values().forEach(todo::push);
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
        ArrayDeque<TrieNode> todo = new ArrayDeque<>(root.children.values());
        while (!todo.isEmpty()) {
            TrieNode node = todo.pop();
            count++;
            todo.addAll(node.children.values());
        }
        return count;
    }
}
