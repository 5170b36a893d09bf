package org.walle.engine.ui.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.walle.engine.backend.BackendProvider;
import org.walle.engine.backend.Backends;
import org.walle.engine.graph.Graph;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Profiles a model the way the Profile view charts it: once with the user's options (per-op times), then the whole
 * model pinned to every available backend at 1 and N threads (device backends once: threads do not apply to them).
 */
public final class ProfileSweep {
    private final Graph graph;
    private final Map<String, Shape> shapes;
    private final int warmup;
    private final int runs;

    /** A whole-model median latency of one backend at one thread count. */
    public record Latency(String backend, int threads, long medianNanos) {
    }

    /**
     * The detailed profile plus the per-backend latencies; {@code label} names the run in charts. {@code skipped}
     * holds, per "backend xthreads", why that profile failed (the others still count).
     */
    public record Result(String label, Profile profile, List<Latency> latencies, Map<String, String> skipped) {
        public Result {
            latencies = List.copyOf(latencies);
            skipped = Map.copyOf(skipped);
        }

        /** A profile loaded from a file: its own latency is its only one. */
        public static Result of(String label, Profile p) {
            return new Result(label, p, List.of(new Latency(p.backend(), p.threads(), p.medianRunNanos())), Map.of());
        }
    }

    public ProfileSweep(Graph graph, Map<String, Shape> shapes, int warmup, int runs) {
        if (warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and runs >= 1, got " + warmup + " and " + runs);
        }
        this.graph = graph;
        this.shapes = Map.copyOf(shapes);
        this.warmup = warmup;
        this.runs = runs;
    }

    /** @param maxThreads the N of "1 and N threads" */
    public Result run(String label, SessionOptions options, int maxThreads, SubMonitor monitor) {
        Map<String, Tensor> feeds = RandomFeeds.of(graph, shapes);
        List<BackendProvider> available = Backends.providers().stream()
                .filter(p -> p.unavailableReason().isEmpty()).toList();
        monitor.setWorkRemaining(1 + 2 * available.size());
        Profile main = profile(options, feeds);
        monitor.split(1);
        List<Latency> latencies = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (BackendProvider provider : available) {
            Set<Integer> threadCounts = new LinkedHashSet<>(List.of(1, Math.max(1, maxThreads)));
            if (!provider.hostMemory()) {
                threadCounts = Set.of(1);
            }
            for (int threads : threadCounts) {
                if (monitor.isCanceled()) {
                    throw new OperationCanceledException();
                }
                monitor.subTask(provider.name() + " x" + threads);
                try {
                    Profile p = profile(options.withBackend(provider.name()).withThreads(threads), feeds);
                    latencies.add(new Latency(provider.name(), threads, p.medianRunNanos()));
                } catch (RuntimeException e) {
                    // one backend failing (a device error) must not cost the user the other measurements
                    skipped.put(provider.name() + " x" + threads, String.valueOf(e.getMessage()));
                }
            }
            monitor.split(2);
        }
        return new Result(label, main, latencies, skipped);
    }

    private Profile profile(SessionOptions options, Map<String, Tensor> feeds) {
        try (Session session = new Session(graph, options)) {
            session.resize(shapes);
            return session.profile(feeds, warmup, runs);
        }
    }
}
