package org.walle.engine.ui.model;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.walle.engine.graph.Graph;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.Shape;

/**
 * The latest backend search and profile of the open model, shared by the search, profile and graph views. Results
 * of another graph than the current one are stale and not shown. Listeners run on the thread that publishes (the
 * UI thread).
 */
public final class Analysis {
    private static final Analysis INSTANCE = new Analysis();

    /** A search of one graph: with which options and shapes, and what it decided. */
    public record Searched(Graph graph, SessionOptions options, Map<String, Shape> shapes, SearchReport report) {
    }

    /** A profile of one graph. */
    public record Profiled(Graph graph, Profile profile) {
    }

    private final List<Consumer<Analysis>> listeners = new CopyOnWriteArrayList<>();
    private volatile Searched search;
    private volatile Profiled profile;

    private Analysis() {
    }

    public static Analysis get() {
        return INSTANCE;
    }

    /** The last search of the graph, or null. */
    public Searched search(Graph graph) {
        Searched s = search;
        return s != null && s.graph() == graph ? s : null;
    }

    /** The last profile of the graph, or null. */
    public Profile profile(Graph graph) {
        Profiled p = profile;
        return p != null && p.graph() == graph ? p.profile() : null;
    }

    public void publishSearch(Searched searched) {
        search = searched;
        listeners.forEach(l -> l.accept(this));
    }

    public void publishProfile(Graph graph, Profile p) {
        profile = new Profiled(graph, p);
        listeners.forEach(l -> l.accept(this));
    }

    public void addListener(Consumer<Analysis> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Analysis> listener) {
        listeners.remove(listener);
    }
}
