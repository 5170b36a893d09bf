package org.walle.stream.trigger.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.walle.stream.event.Event;

/**
 * Event id (and page) -> the trie edges whose step an event with that id (on that page) matches. An event thus
 * visits exactly the edges it can take, and looking them up builds no keys: one map lookup by event id, and one by
 * page only when some step constrains that event id to a page.
 */
final class EdgeIndex {
    private final Map<String, EventEdges> byEvent = new HashMap<>();

    void add(TrieNode edge) {
        EventEdges edges = byEvent.computeIfAbsent(edge.step.eventId(), k -> new EventEdges());
        String page = edge.step.pageId();
        if (page == null) {
            edges.anyPage.add(edge);
        } else {
            edges.byPage.computeIfAbsent(page, k -> new ArrayList<>(2)).add(edge);
        }
    }

    void remove(TrieNode edge) {
        EventEdges edges = byEvent.get(edge.step.eventId());
        String page = edge.step.pageId();
        if (page == null) {
            edges.anyPage.remove(edge);
        } else {
            List<TrieNode> onPage = edges.byPage.get(page);
            onPage.remove(edge);
            if (onPage.isEmpty()) {
                edges.byPage.remove(page);
            }
        }
        if (edges.anyPage.isEmpty() && edges.byPage.isEmpty()) {
            byEvent.remove(edge.step.eventId());
        }
    }

    /** The edges {@code event} matches regardless of page, or null. */
    EventEdges lookup(Event event) {
        return byEvent.get(event.eventId());
    }

    /** All edges on one event id. */
    static final class EventEdges {
        final List<TrieNode> anyPage = new ArrayList<>();
        final Map<String, List<TrieNode>> byPage = new HashMap<>(4);

        /** Edges constrained to {@code pageId}, or null. */
        List<TrieNode> onPage(String pageId) {
            return byPage.isEmpty() ? null : byPage.get(pageId);
        }
    }
}
