package org.walle.engine.ui.model;

import java.util.Arrays;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.walle.engine.graph.Graph;
import org.walle.engine.runtime.ResizeReport;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * One model's search session for the Backend-search view, off the UI thread: search (a resize with the options),
 * measure every candidate on random inputs, and benchmark whole runs with the current choice. Each search replaces
 * the session, so a measured choice holds until the next search.
 */
public final class SearchRunner implements AutoCloseable {
    private final Graph graph;
    private Session session;
    private Map<String, Shape> shapes;

    /** Whole-graph latencies of a benchmark, one per timed run. */
    public record Benchmark(String backend, int threads, long[] runNanos) {
        public Benchmark {
            runNanos = runNanos.clone();
        }

        public long medianNanos() {
            long[] sorted = runNanos.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
        }
    }

    public SearchRunner(Graph graph) {
        this.graph = graph;
    }

    public Graph graph() {
        return graph;
    }

    /** @throws org.walle.engine.graph.GraphException for options or shapes the engine rejects, naming what */
    public synchronized ResizeReport search(SessionOptions options, Map<String, Shape> inputShapes) {
        Session next = new Session(graph, options);
        ResizeReport report;
        try {
            report = next.resize(inputShapes);
        } catch (RuntimeException e) {
            next.close();
            throw e;
        }
        close();
        session = next;
        shapes = Map.copyOf(inputShapes);
        return report;
    }

    /**
     * Times every candidate of every command ({@code runs} each) and keeps the fastest; needs a search first.
     * Cancelling stops before the next command's candidates and keeps the searched choice.
     */
    public synchronized SearchReport measure(int runs, IProgressMonitor monitor) {
        try {
            return requireSession().measure(feeds(), runs, monitor::isCanceled);
        } catch (java.util.concurrent.CancellationException e) {
            throw new OperationCanceledException(e.getMessage());
        }
    }

    /** One warm-up run, then {@code runs} timed runs; cancelling stops between runs. */
    public synchronized Benchmark benchmark(int runs, SubMonitor monitor) {
        Session s = requireSession();
        Map<String, Tensor> feeds = feeds();
        monitor.setWorkRemaining(runs + 1);
        s.run(feeds);
        monitor.split(1);
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            if (monitor.isCanceled()) {
                throw new OperationCanceledException();
            }
            long start = System.nanoTime();
            s.run(feeds);
            times[i] = System.nanoTime() - start;
            monitor.split(1);
        }
        return new Benchmark(s.lastReport().search().chosenBackend(), s.options().threads(), times);
    }

    public synchronized Map<String, Shape> shapes() {
        return shapes;
    }

    private Map<String, Tensor> feeds() {
        return RandomFeeds.of(graph, shapes);
    }

    private Session requireSession() {
        if (session == null) {
            throw new IllegalStateException("run a search first: measuring and benchmarking use its plan");
        }
        return session;
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
