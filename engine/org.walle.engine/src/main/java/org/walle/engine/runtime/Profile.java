package org.walle.engine.runtime;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.decompose.AtomicOp;

/**
 * Timings of a few runs of one plan: per command its node, backend, algorithm, FLOPs and the kernel and copy time
 * of every run; per run the wall time. Medians are what reports show.
 */
public record Profile(String backend, int threads, List<OpTiming> ops, long[] runNanos) {
    public Profile {
        ops = List.copyOf(ops);
        runNanos = runNanos.clone();
    }

    /** One command's times, one entry per profiled run. */
    public record OpTiming(int command, String node, AtomicOp op, String backend, String algorithm, double flops,
            long[] kernelNanos, long[] copyNanos) {
        public OpTiming {
            kernelNanos = kernelNanos.clone();
            copyNanos = copyNanos.clone();
        }

        public long medianNanos() {
            return median(kernelNanos);
        }

        public long medianCopyNanos() {
            return median(copyNanos);
        }

        /** Achieved GFLOP/s of the median run (0 for pure data movement). */
        public double gflops() {
            long ns = medianNanos();
            return ns == 0 ? 0 : flops / ns;
        }
    }

    public long medianRunNanos() {
        return median(runNanos);
    }

    /** Median time per graph node (its commands summed), slowest first. */
    public Map<String, Long> nanosByNode() {
        Map<String, Long> sums = new LinkedHashMap<>();
        for (OpTiming t : ops) {
            sums.merge(t.node(), t.medianNanos() + t.medianCopyNanos(), Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        sums.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The {@code n} slowest commands by median kernel time. */
    public List<OpTiming> slowest(int n) {
        return ops.stream().sorted(Comparator.comparingLong(OpTiming::medianNanos).reversed()).limit(n).toList();
    }

    static long median(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
