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
 * on this engine, and with --vs-ort ONNX Runtime on the same inputs and thread count in the same process, with the
 * ratio and the largest output difference.
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

    @Option(names = "--vs-ort", description = {"also run ONNX Runtime and print the ratio; the two are timed in",
        "alternating blocks of 5 runs (0.25 s apart with threads), so both see the same machine"})
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
            int p90 = Math.min(s.length - 1, (int) (s.length * 0.9));
            return new Stats(s[s.length / 2] / 1e6, s[0] / 1e6, s[p90] / 1e6);
        }
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
            Stats mine;
            if (vsOrt) {
                try (OrtModel ort = OrtModel.load(engine.model, threads)) {
                    Map<String, Tensor>[] theirs = new Map[1];
                    long[][] nanos = alternate(() -> last[0] = session.run(feeds), () -> theirs[0] = ort.run(feeds),
                            threads > 1 ? AlternatingRuns.PAUSE_MILLIS : 0);
                    printRuns(out, "walle", nanos[0]);
                    printRuns(out, "onnxruntime " + OrtModel.version(), nanos[1]);
                    mine = Stats.of(nanos[0]);
                    Stats peer = Stats.of(nanos[1]);
                    report(out, "walle", mine);
                    report(out, "onnxruntime", peer);
                    out.printf("ratio walle/onnxruntime (median) = %.2f at %d threads "
                            + "(alternating blocks of %d runs)%n", mine.median() / peer.median(), threads,
                            AlternatingRuns.BLOCK);
                    compare(out, last[0], theirs[0]);
                }
            } else {
                mine = measure(out, "walle", () -> last[0] = session.run(feeds));
                report(out, "walle", mine);
            }
            if (checkSearch > 0) {
                SearchCheck.run(out, graph, engine.sessionOptions(), session, feeds, checkSearch, warmup, runs,
                        mine.median());
            }
        }
    }

    private long[][] alternate(AlternatingRuns.Runner mine, AlternatingRuns.Runner theirs, int pauseMillis) {
        try {
            return AlternatingRuns.measure(mine, theirs, warmup, runs, pauseMillis);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("a benchmark run failed: " + e.getMessage(), e);
        }
    }

    private static void printRuns(PrintWriter out, String who, long[] nanos) {
        out.print(who + ": ");
        for (long n : nanos) {
            out.printf("%.1f ", n / 1e6);
        }
        out.println("ms");
    }

    private Stats measure(PrintWriter out, String who, AlternatingRuns.Runner runner) {
        try {
            for (int i = 0; i < warmup; i++) {
                runner.run();
            }
            long[] nanos = new long[runs];
            out.print(who + ": ");
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                runner.run();
                nanos[i] = System.nanoTime() - start;
                out.printf("%.1f ", nanos[i] / 1e6);
                out.flush();
            }
            out.println("ms");
            return Stats.of(nanos);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(who + " failed: " + e.getMessage(), e);
        }
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
