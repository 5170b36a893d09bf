package org.walle.engine.ui.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.walle.engine.backend.BackendProvider;
import org.walle.engine.backend.Backends;
import org.walle.engine.graph.Graph;
import org.walle.engine.ort.OrtLatency;
import org.walle.engine.ort.OrtModel;
import org.walle.engine.ort.OrtModelException;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Profiles a model the way the Profile view charts it: once with the user's options (per-op times), then whole runs
 * pinned to every available backend and, on the same inputs in the same job, ONNX Runtime on the model's file, each
 * at 1, 2, 4 ... up to N threads (device backends once: threads do not apply to them). Everything runs one run at a
 * time, so a cancel stops between two runs and leaves no result.
 */
public final class ProfileSweep {
    /** The name of ONNX Runtime's column in the latency chart. */
    public static final String ONNX_RUNTIME = "ONNX Runtime";

    private final Graph graph;
    private final Path modelFile;
    private final Map<String, Shape> shapes;
    private final int warmup;
    private final int runs;

    /** A whole-model median latency of one backend (or ONNX Runtime) at one thread count. */
    public record Latency(String backend, int threads, long medianNanos) {
    }

    /**
     * The detailed profile plus the per-backend latencies; {@code label} names the run in charts. {@code skipped}
     * holds, per "backend xthreads", why that measurement failed (the others still count).
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

    /** @param modelFile the ONNX file ONNX Runtime loads, or null (a generated graph: ONNX Runtime is left out) */
    public ProfileSweep(Graph graph, Path modelFile, Map<String, Shape> shapes, int warmup, int runs) {
        if (warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and runs >= 1, got " + warmup + " and " + runs);
        }
        this.graph = graph;
        this.modelFile = modelFile;
        this.shapes = Map.copyOf(shapes);
        this.warmup = warmup;
        this.runs = runs;
    }

    /** 1, 2, 4 ... below {@code max}, then {@code max}. */
    public static List<Integer> threadCounts(int max) {
        TreeSet<Integer> counts = new TreeSet<>();
        for (int t = 1; t < max; t *= 2) {
            counts.add(t);
        }
        counts.add(Math.max(1, max));
        return List.copyOf(counts);
    }

    /**
     * @param maxThreads the largest thread count measured
     * @throws OperationCanceledException when the monitor is cancelled (checked before every run)
     */
    public Result run(String label, SessionOptions options, int maxThreads, SubMonitor monitor) {
        Map<String, Tensor> feeds = RandomFeeds.of(graph, shapes);
        List<BackendProvider> available = Backends.providers().stream()
                .filter(p -> p.unavailableReason().isEmpty()).toList();
        List<Integer> threadCounts = threadCounts(maxThreads);
        monitor.setWorkRemaining(1 + (available.size() + 1) * threadCounts.size());
        monitor.subTask(options.backend() + " x" + options.threads());
        Profile main;
        try (Session session = session(options)) {
            main = RunByRun.profile(session, feeds, warmup, runs, monitor);
        }
        monitor.split(1);
        List<Latency> latencies = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (BackendProvider provider : available) {
            for (int threads : provider.hostMemory() ? threadCounts : List.of(1)) {
                monitor.subTask(provider.name() + " x" + threads);
                try (Session session = session(options.withBackend(provider.name()).withThreads(threads))) {
                    latencies.add(new Latency(provider.name(), threads,
                            median(RunByRun.time(session, feeds, warmup, runs, monitor))));
                } catch (OperationCanceledException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // one backend failing (a device error) must not cost the user the other measurements
                    skipped.put(provider.name() + " x" + threads, String.valueOf(e.getMessage()));
                }
                monitor.split(1);
            }
        }
        measureOnnxRuntime(feeds, threadCounts, latencies, skipped, monitor);
        return new Result(label, main, latencies, skipped);
    }

    private void measureOnnxRuntime(Map<String, Tensor> feeds, List<Integer> threadCounts, List<Latency> latencies,
            Map<String, String> skipped, SubMonitor monitor) {
        if (modelFile == null) {
            skipped.put(ONNX_RUNTIME, "the graph has no ONNX file to load (a built-in or generated graph)");
            return;
        }
        for (int threads : threadCounts) {
            monitor.subTask(ONNX_RUNTIME + " x" + threads);
            try (OrtModel ort = OrtModel.load(modelFile, threads)) {
                OrtLatency l = ort.measure(feeds, warmup, runs, monitor::isCanceled);
                latencies.add(new Latency(ONNX_RUNTIME, threads, l.medianNanos()));
            } catch (CancellationException e) {
                throw new OperationCanceledException();
            } catch (RuntimeException e) {
                skipped.put(ONNX_RUNTIME + " x" + threads, String.valueOf(e.getMessage()));
                if (e instanceof OrtModelException && threads == threadCounts.get(0)) {
                    // a model ORT cannot load fails the same way at every thread count: say it once
                    return;
                }
            }
            monitor.split(1);
        }
    }

    private Session session(SessionOptions options) {
        Session session = new Session(graph, options);
        try {
            session.resize(shapes);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The upper middle of the sorted runs, as the engine's profile takes it. */
    static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
