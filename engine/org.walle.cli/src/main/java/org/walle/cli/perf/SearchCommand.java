package org.walle.cli.perf;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.graph.Graph;
import org.walle.engine.runtime.ResizeReport;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SearchReport.Decision;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.Tensor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code walle search model.onnx}: the semi-auto search's decisions: each backend's estimated total, the winner,
 * the search time, which algorithm each kind of command got, and every fallback with its reason.
 */
@Command(name = "search", description = {"Show the backend and algorithm search of a model: per-backend estimated",
    "totals, the winner, search time, algorithm choices and fallbacks; --measure checks them by running every",
    "candidate."})
public final class SearchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineRunOptions engine;

    @Option(names = "--measure", paramLabel = "RUNS", defaultValue = "0",
            description = "measuring mode: time every candidate RUNS times and keep the fastest (default off)")
    int measure;

    @Option(names = "--all", description = "list every command's candidates, not only the summary")
    boolean all;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Graph graph = engine.graph();
        Map<String, Tensor> feeds = engine.feeds(graph);
        try (Session session = new Session(graph, engine.sessionOptions())) {
            ResizeReport first = session.resizeFor(feeds);
            // the first resize pays for class loading and calibration; the second is what a device sees
            ResizeReport report = session.resizeFor(feeds);
            out.printf("%s: %d nodes -> %d commands; resize %.1f ms (first %.1f ms), search %.2f ms%n",
                    engine.model.getFileName(), graph.nodes().size(), report.commands().size(),
                    report.resizeNanos() / 1e6, first.resizeNanos() / 1e6, report.search().searchNanos() / 1e6);
            SearchReport search = report.search();
            if (measure > 0) {
                out.println("measuring every candidate " + measure + " times...");
                search = session.measure(feeds, measure);
            }
            printTotals(out, search);
            printChoices(out, search);
            if (all) {
                printAll(out, search);
            }
        }
    }

    static void printTotals(PrintWriter out, SearchReport search) {
        out.println();
        out.printf("%-10s %14s %10s %12s%n", "backend", "estimate (ms)", "fallbacks", "copies (ms)");
        for (SearchReport.BackendTotal t : search.totals()) {
            if (!t.available()) {
                out.printf("%-10s unavailable: %s%n", t.backend(), t.unavailableReason());
                continue;
            }
            out.printf("%-10s %14.3f %10d %12.3f%s%n", t.backend(), t.totalSeconds() * 1e3, t.fallbackCommands(),
                    t.copySeconds() * 1e3, t.backend().equals(search.chosenBackend())
                            ? (search.pinned() ? "  <- pinned" : "  <- chosen") : "");
        }
    }

    static void printChoices(PrintWriter out, SearchReport search) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> fallbacks = new LinkedHashMap<>();
        for (Decision d : search.decisions()) {
            counts.merge(d.op() + " on " + d.backend() + " / " + d.algorithm(), 1, Integer::sum);
            if (d.fallbackReason() != null) {
                fallbacks.putIfAbsent(d.op() + " -> " + d.backend(), d.fallbackReason());
            }
        }
        out.println();
        out.println(search.measured() ? "choices (measured):" : "choices (estimated):");
        counts.forEach((k, n) -> out.printf("  %4d x %s%n", n, k));
        if (!fallbacks.isEmpty()) {
            out.println("fallbacks (first reason per kind):");
            fallbacks.forEach((k, why) -> out.println("  " + k + ": " + why));
        }
    }

    private static void printAll(PrintWriter out, SearchReport search) {
        out.println();
        for (Decision d : search.decisions()) {
            out.printf("#%d %s %s (%.0f FLOPs) -> %s / %s%s%n", d.command(), d.node(), d.op(), d.flops(), d.backend(),
                    d.algorithm(), d.pinned() ? " [pinned]" : "");
            List<SearchReport.Candidate> candidates = d.candidates();
            for (SearchReport.Candidate c : candidates) {
                if (!c.supported()) {
                    out.printf("     %-10s unsupported: %s%n", c.backend(), c.unsupportedReason());
                } else {
                    out.printf("     %-10s %-28s est %10.4f ms%s%n", c.backend(), c.algorithm(),
                            c.estimatedSeconds() * 1e3, c.measuredSeconds() == null ? ""
                                    : String.format("  measured %10.4f ms", c.measuredSeconds() * 1e3));
                }
            }
        }
    }
}
