package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.walle.engine.backend.Backend;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.backend.BackendProvider;
import org.walle.engine.backend.Backends;
import org.walle.engine.graph.GraphException;
import org.walle.engine.runtime.SessionOptions;

/** The backends one session uses: every available provider's backend, made once, closed with the session. */
public final class SessionBackends implements AutoCloseable {
    private final List<Backend> backends;
    private final Map<String, String> unavailable;

    private SessionBackends(List<Backend> backends, Map<String, String> unavailable) {
        this.backends = backends;
        this.unavailable = unavailable;
    }

    public static SessionBackends create(SessionOptions options) {
        List<Backend> made = new ArrayList<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        BackendConfig config = new BackendConfig(options.threads());
        for (BackendProvider p : Backends.providers()) {
            Optional<String> why = p.unavailableReason();
            if (why.isPresent()) {
                unavailable.put(p.name(), why.get());
                continue;
            }
            if (!wanted(p, options)) {
                continue;
            }
            try {
                made.add(p.create(config));
            } catch (RuntimeException e) {
                unavailable.put(p.name(), "could not start: " + e);
            }
        }
        String pinned = options.backend();
        if (!Backends.AUTO.equals(pinned) && made.stream().noneMatch(b -> b.name().equals(pinned))) {
            made.forEach(Backend::close);
            String why = unavailable.get(pinned);
            throw new GraphException("backends", "backend '" + pinned + "' " + (why != null
                    ? "is not available here: " + why
                    : "is unknown; known: " + Backends.providers().stream().map(BackendProvider::name).toList()));
        }
        if (made.stream().noneMatch(Backend::hostMemory)) {
            throw new GraphException("backends", "no CPU backend could start: " + unavailable);
        }
        return new SessionBackends(List.copyOf(made), unavailable);
    }

    /**
     * Auto and node pins consider every backend; a graph pin needs only the pinned one plus the CPU backends it
     * falls back to, so pinning "cpu-ref" never opens an OpenCL context.
     */
    private static boolean wanted(BackendProvider p, SessionOptions options) {
        return Backends.AUTO.equals(options.backend()) || options.nodeBackends().containsValue(p.name())
                || p.name().equals(options.backend()) || p.hostMemory();
    }

    public BackendSearch search(SessionOptions options) {
        return new BackendSearch(backends, unavailable, options);
    }

    public List<Backend> all() {
        return backends;
    }

    public Backend find(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
    }

    @Override
    public void close() {
        for (Backend b : backends) {
            try {
                b.close();
            } catch (RuntimeException e) {
                // closing the others matters more than reporting one failed release
            }
        }
    }
}
