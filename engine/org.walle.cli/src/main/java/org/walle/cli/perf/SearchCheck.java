package org.walle.cli.perf;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.walle.engine.graph.Graph;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SearchReport.Candidate;
import org.walle.engine.runtime.SearchReport.Decision;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.Tensor;

/**
 * {@code bench --check-search}: the searched plan against the measured-fastest plan (measuring mode in a second
 * session), plus which commands the measurement moved and what their per-command timings promised.
 */
final class SearchCheck {
    /** Searched and measured plan medians, in milliseconds. */
    record Result(double searchedMs, double measuredMs, int changed) {
        double ratio() {
            return searchedMs / measuredMs;
        }
    }

    private SearchCheck() {
    }

    /**
     * @param searchedMs the searched plan's median, timed before measuring mode opened any device: an OpenCL device
     *                   on the CPU (PoCL) keeps its threads spinning after launches, which slows CPU work timed right
     *                   after it, so the two plans are not interleaved
     */
    static Result run(PrintWriter out, Graph graph, SessionOptions options, Session searched, Map<String, Tensor> feeds,
            int measureRuns, int warmup, int runs, double searchedMs) {
        try (Session measured = new Session(graph, options)) {
            measured.resizeFor(feeds);
            out.println("measuring every candidate " + measureRuns + " times...");
            out.flush();
            SearchReport m = measured.measure(feeds, measureRuns);
            int changed = changes(out, searched.lastReport().search(), m);
            for (int i = 0; i < warmup; i++) {
                measured.run(feeds);
            }
            long[] b = new long[runs];
            for (int i = 0; i < runs; i++) {
                b[i] = time(measured, feeds);
            }
            long[] again = new long[runs];
            for (int i = 0; i < runs; i++) {
                again[i] = time(searched, feeds);
            }
            // the lower of the two medians of the same plan is the less disturbed one (JIT still warming before,
            // device threads still spinning after)
            Result r = new Result(Math.min(searchedMs, median(again)), median(b), changed);
            out.printf(Locale.ROOT, "measured-fastest plan median %.2f ms; searched plan median %.2f ms before,"
                    + " %.2f ms after it%n", r.measuredMs(), searchedMs, median(again));
            out.printf(Locale.ROOT, "searched plan / measured-fastest plan (median) = %.2f%n", r.ratio());
            return r;
        }
    }

    private static long time(Session s, Map<String, Tensor> feeds) {
        long start = System.nanoTime();
        s.run(feeds);
        return System.nanoTime() - start;
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    /** Prints the moves grouped by op and (searched -> measured) choice, largest promised saving first. */
    static int changes(PrintWriter out, SearchReport searched, SearchReport measured) {
        Map<String, double[]> moves = new TreeMap<>();
        int changed = 0;
        for (int i = 0; i < measured.decisions().size(); i++) {
            Decision was = searched.decisions().get(i);
            Decision now = measured.decisions().get(i);
            if (was.backend().equals(now.backend()) && was.algorithm().equals(now.algorithm())) {
                continue;
            }
            changed++;
            double before = measuredSeconds(now.candidates(), was.backend(), was.algorithm());
            double after = measuredSeconds(now.candidates(), now.backend(), now.algorithm());
            String key = now.op() + " " + was.backend() + "/" + family(was.algorithm()) + " -> " + now.backend() + "/"
                    + family(now.algorithm());
            double[] sum = moves.computeIfAbsent(key, k -> new double[3]);
            sum[0]++;
            sum[1] += before - after;
            sum[2] += estimate(now.candidates(), was.backend(), was.algorithm())
                    - estimate(now.candidates(), now.backend(), now.algorithm());
        }
        out.printf(Locale.ROOT, "measuring moved %d of %d commands:%n", changed, measured.decisions().size());
        List<Map.Entry<String, double[]>> sorted = moves.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[1])).toList();
        for (Map.Entry<String, double[]> e : sorted) {
            out.printf(Locale.ROOT, "  %4.0f x %-60s measured %+.3f ms, estimated %+.3f ms%n", e.getValue()[0],
                    e.getKey(), -e.getValue()[1] * 1e3, -e.getValue()[2] * 1e3);
        }
        return changed;
    }

    /** Algorithm names without their parameters ("gemm-tiled mc=64 kc=256" -> "gemm-tiled"). */
    private static String family(String algorithm) {
        int space = algorithm.indexOf(' ');
        return space < 0 ? algorithm : algorithm.substring(0, space);
    }

    private static double measuredSeconds(List<Candidate> cs, String backend, String algorithm) {
        return cs.stream().filter(c -> c.backend().equals(backend) && c.algorithm().equals(algorithm)
                && c.measuredSeconds() != null).mapToDouble(Candidate::measuredSeconds).findFirst().orElse(0);
    }

    private static double estimate(List<Candidate> cs, String backend, String algorithm) {
        return cs.stream().filter(c -> c.backend().equals(backend) && c.algorithm().equals(algorithm))
                .mapToDouble(Candidate::estimatedSeconds).findFirst().orElse(0);
    }
}
