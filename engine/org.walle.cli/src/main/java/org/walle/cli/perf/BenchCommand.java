package org.walle.cli.perf;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;

import org.walle.engine.graph.Graph;
import org.walle.engine.ort.OrtModel;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.Tensor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code walle bench model.onnx [--backend B] [--threads N] [--runs N --warmup N] [--vs-ort]}: end-to-end latency
 * on this engine, and with --vs-ort ONNX Runtime on the same inputs and thread count in the same process (the two
 * take turns of {@link #BLOCK} runs), with the ratio and the largest output difference.
 */
@Command(name = "bench", description = {"Benchmark a model end to end (median, min, p90 latency); --vs-ort runs",
    "ONNX Runtime on the same inputs and threads and prints engine/ORT and the largest output difference."})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineRunOptions engine;

    @Option(names = "--runs", defaultValue = "10", description = "timed runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "3", description = "untimed runs first (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--vs-ort", description = {"also run ONNX Runtime and print the ratio (the two take turns of",
        "5 timed runs, so both see the same machine load)"})
    boolean vsOrt;

    @Option(names = "--check-search", paramLabel = "RUNS", defaultValue = "0", description = {
        "then run measuring mode (every candidate RUNS times) in a second session, time the measured-fastest",
        "plan and print how far the searched plan is from it and which commands moved"})
    int checkSearch;

    /** Latency statistics of one contender, in milliseconds. */
    record Stats(double median, double min, double p90) {
        static Stats of(long[] nanos) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return new Stats(s[s.length / 2] / 1e6, s[0] / 1e6, s[Math.min(s.length - 1, (int) (s.length * 0.9))] / 1e6);
        }
    }

    @FunctionalInterface
    interface Runner {
        Map<String, Tensor> run() throws Exception;
    }

    @Override
    public void run() {
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("--runs must be >= 1 and --warmup >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        Graph graph = engine.graph();
        Map<String, Tensor> feeds = engine.feeds(graph);
        int threads = engine.threadCount();
        long open = System.nanoTime();
        try (Session session = new Session(graph, engine.sessionOptions())) {
            long resize = System.nanoTime();
            session.resizeFor(feeds);
            out.printf("%s: %d nodes, %d commands, backend %s, %d threads, session %.1f ms, resize %.1f ms%n",
                    engine.model.getFileName(), graph.nodes().size(), session.lastReport().commands().size(),
                    session.lastReport().search().chosenBackend(), threads, (resize - open) / 1e6,
                    (System.nanoTime() - resize) / 1e6);
            Map<String, Tensor>[] last = new Map[1];
            Runner mineRunner = () -> last[0] = session.run(feeds);
            if (!vsOrt) {
                Stats mine = measure(out, "walle", mineRunner);
                report(out, "walle", mine);
                checkSearch(out, graph, session, feeds, mine);
                return;
            }
            try (OrtModel ort = OrtModel.load(engine.model, threads)) {
                Map<String, Tensor>[] theirs = new Map[1];
                Stats[] both = measureAlternating(out, mineRunner, () -> theirs[0] = ort.run(feeds));
                report(out, "walle", both[0]);
                report(out, "onnxruntime", both[1]);
                out.printf("ratio walle/onnxruntime (median) = %.2f at %d threads%n", both[0].median()
                        / both[1].median(), threads);
                compare(out, last[0], theirs[0]);
                checkSearch(out, graph, session, feeds, both[0]);
            }
        }
    }

    private void checkSearch(PrintWriter out, Graph graph, Session session, Map<String, Tensor> feeds, Stats mine) {
        if (checkSearch > 0) {
            SearchCheck.run(out, graph, engine.sessionOptions(), session, feeds, checkSearch, warmup, runs,
                    mine.median());
        }
    }

    /** Timed runs per turn of {@link #measureAlternating}. */
    static final int BLOCK = 5;

    /**
     * Both contenders warm up, then take turns of {@link #BLOCK} timed runs until each has {@code --runs}: on a
     * shared machine whose speed drifts for seconds at a time (another tenant), both then sample the same phases,
     * where one after the other let a slow phase land on one contender only (engine medians 20.7 and 34.8 ms an
     * hour apart on one model while ONNX Runtime's stayed at 14.6-18.3).
     */
    private Stats[] measureAlternating(PrintWriter out, Runner mine, Runner theirs) {
        String[] names = {"walle", "onnxruntime " + OrtModel.version()};
        Runner[] runners = {mine, theirs};
        long[][] nanos = new long[2][runs];
        StringBuilder[] lines = {new StringBuilder(), new StringBuilder()};
        for (int who = 0; who < 2; who++) {
            for (int i = 0; i < warmup; i++) {
                call(names[who], runners[who]);
            }
        }
        for (int from = 0; from < runs; from += BLOCK) {
            for (int who = 0; who < 2; who++) {
                for (int i = from; i < Math.min(runs, from + BLOCK); i++) {
                    long start = System.nanoTime();
                    call(names[who], runners[who]);
                    nanos[who][i] = System.nanoTime() - start;
                    lines[who].append(String.format("%.1f ", nanos[who][i] / 1e6));
                }
            }
        }
        for (int who = 0; who < 2; who++) {
            out.println(names[who] + ": " + lines[who] + "ms");
        }
        return new Stats[] {Stats.of(nanos[0]), Stats.of(nanos[1])};
    }

    private static void call(String who, Runner runner) {
        try {
            runner.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(who + " failed: " + e.getMessage(), e);
        }
    }

    private Stats measure(PrintWriter out, String who, Runner runner) {
        for (int i = 0; i < warmup; i++) {
            call(who, runner);
        }
        long[] nanos = new long[runs];
        out.print(who + ": ");
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            call(who, runner);
            nanos[i] = System.nanoTime() - start;
            out.printf("%.1f ", nanos[i] / 1e6);
            out.flush();
        }
        out.println("ms");
        return Stats.of(nanos);
    }

    private static void report(PrintWriter out, String who, Stats s) {
        out.printf("%-12s median %.2f ms, min %.2f ms, p90 %.2f ms%n", who, s.median(), s.min(), s.p90());
    }

    private static void compare(PrintWriter out, Map<String, Tensor> mine, Map<String, Tensor> theirs) {
        for (Map.Entry<String, Tensor> e : mine.entrySet()) {
            Tensor other = theirs.get(e.getKey());
            if (other == null || other.size() != e.getValue().size()) {
                out.println("output " + e.getKey() + ": not comparable");
                continue;
            }
            double worst = 0;
            for (int i = 0; i < other.size(); i++) {
                worst = Math.max(worst, Math.abs(e.getValue().getDouble(i) - other.getDouble(i)));
            }
            out.printf("output %s: max |walle - onnxruntime| = %.3g%n", e.getKey(), worst);
        }
    }
}
