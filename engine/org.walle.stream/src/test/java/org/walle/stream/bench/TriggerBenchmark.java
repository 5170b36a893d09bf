package org.walle.stream.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import org.walle.stream.event.EcommerceGenerator;
import org.walle.stream.event.Event;
import org.walle.stream.trigger.NaiveTriggerEngine;
import org.walle.stream.trigger.RandomTriggers;
import org.walle.stream.trigger.TrieTriggerEngine;
import org.walle.stream.trigger.Trigger;
import org.walle.stream.trigger.TriggerEngine;
import org.walle.stream.trigger.TriggerMatch;

/**
 * Matching throughput and per-event latency of the trie against naive per-trigger scanning (and Siddhi, see
 * {@link SiddhiMatcher}) with 10, 100 and 1000 triggers on the same synthetic stream. Trie and naive passes
 * alternate (warm-up passes first), so load changes on a shared machine hit both alike; the figures are the median
 * pass. Every pass of every engine must fire exactly the trie's first pass's matches, event by event, or the run
 * fails; the trie's fires must also name the stream's events at their positions. Not a unit test: see
 * docs/benchmarks.md for the command.
 */
public final class TriggerBenchmark {
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final int WARM_UP_PASSES = 2;

    public static void main(String[] args) throws Exception {
        int sessions = 200;
        int passes = 5;
        boolean withSiddhi = true;
        for (String arg : args) {
            if (arg.equals("--no-siddhi")) {
                withSiddhi = false;
            } else if (arg.startsWith("--passes=")) {
                passes = Integer.parseInt(arg.substring("--passes=".length()));
            } else {
                sessions = Integer.parseInt(arg);
            }
        }
        List<Event> events = new EcommerceGenerator(2026).generate(sessions);
        System.out.printf("stream: %d sessions, %d events; java %s, %d cores; %d warm-up + %d timed passes%n",
                sessions, events.size(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), WARM_UP_PASSES, passes);
        System.out.println("| triggers | engine | events/CPU-s (median) | best | events/s (wall) | p50 us/event"
                + " | p99 us/event | fires | same fires |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int count : new int[] {10, 100, 1000}) {
            List<Trigger> triggers = new RandomTriggers(count, true).make(count);
            Supplier<Matcher> trieEngine = () -> engine(new TrieTriggerEngine(), triggers);
            Supplier<Matcher> naiveEngine = () -> engine(new NaiveTriggerEngine(), triggers);
            List<List<TriggerMatch>> expected = run(trieEngine, events).fired;
            checkEventsAtPositions(expected, events);
            List<Pass> trie = new ArrayList<>();
            List<Pass> naive = new ArrayList<>();
            for (int pass = 0; pass < WARM_UP_PASSES + passes; pass++) {
                Pass t = checked("trie", run(trieEngine, events), expected, count);
                Pass n = checked("naive", run(naiveEngine, events), expected, count);
                if (pass >= WARM_UP_PASSES) {
                    trie.add(t);
                    naive.add(n);
                }
            }
            print(count, "trie", trie);
            print(count, "naive", naive);
            double[] ratios = new double[passes];
            for (int i = 0; i < passes; i++) {
                ratios[i] = trie.get(i).eventsPerCpuSecond / naive.get(i).eventsPerCpuSecond;
            }
            Arrays.sort(ratios);
            String siddhi = "";
            if (withSiddhi) {
                // one pass only: at 1000 triggers a Siddhi pass takes minutes
                Pass s = checked("siddhi", run(() -> new SiddhiMatcher(triggers), events), expected, count);
                print(count, "siddhi", List.of(s));
                siddhi = String.format(", %.1fx siddhi", median(trie).eventsPerCpuSecond / s.eventsPerCpuSecond);
            }
            System.out.printf("  trie speed-up (CPU time, median passes) at %d triggers: %.1fx naive (pass pairs:"
                    + " min %.1fx, median %.1fx, max %.1fx)%s%n", count,
                    median(trie).eventsPerCpuSecond / median(naive).eventsPerCpuSecond, ratios[0],
                    ratios[passes / 2], ratios[passes - 1], siddhi);
        }
    }

    /** What the benchmark drives: the trie and naive engines directly, Siddhi through an adapter. */
    public interface Matcher extends AutoCloseable {
        List<TriggerMatch> onEvent(Event event);

        @Override
        default void close() {
        }
    }

    private static Matcher engine(TriggerEngine engine, List<Trigger> triggers) {
        triggers.forEach(engine::addTrigger);
        return engine::onEvent;
    }

    private static Pass checked(String name, Pass pass, List<List<TriggerMatch>> expected, int count) {
        if (!pass.fired.equals(expected)) {
            throw new AssertionError(name + " fired differently from the trie at " + count + " triggers");
        }
        pass.fired = null; // compared: let the memory go before the next pass
        return pass;
    }

    /** Fired matches are views over the engine's chains: after the whole stream they must still be right. */
    private static void checkEventsAtPositions(List<List<TriggerMatch>> fired, List<Event> events) {
        for (List<TriggerMatch> matches : fired) {
            for (TriggerMatch m : matches) {
                long[] seq = m.sequence();
                for (int i = 0; i < seq.length; i++) {
                    if (m.events().get(i) != events.get((int) seq[i])) {
                        throw new AssertionError(m + ": event " + i + " is not the stream's event #" + seq[i]);
                    }
                }
            }
        }
    }

    private static Pass run(Supplier<Matcher> make, List<Event> events) throws Exception {
        try (Matcher matcher = make.get()) {
            long[] nanos = new long[events.size()];
            List<List<TriggerMatch>> all = new ArrayList<>(events.size());
            // CPU time of this thread: on a shared machine wall time mostly measures the other processes
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < events.size(); i++) {
                long t0 = System.nanoTime();
                all.add(matcher.onEvent(events.get(i)));
                nanos[i] = System.nanoTime() - t0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            Arrays.sort(nanos);
            return new Pass(events.size() / cpuSeconds, events.size() / seconds, nanos[nanos.length / 2] / 1e3,
                    nanos[(int) (nanos.length * 0.99)] / 1e3, all);
        }
    }

    private static Pass median(List<Pass> passes) {
        List<Pass> sorted = new ArrayList<>(passes);
        sorted.sort(Comparator.comparingDouble(p -> p.eventsPerCpuSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static void print(int count, String name, List<Pass> passes) {
        Pass m = median(passes);
        double best = passes.stream().mapToDouble(p -> p.eventsPerCpuSecond).max().getAsDouble();
        System.out.printf("| %d | %s | %.0f | %.0f | %.0f | %.1f | %.1f | %d | yes |%n", count, name,
                m.eventsPerCpuSecond, best, m.eventsPerSecond, m.p50Micros, m.p99Micros, m.fires);
    }

    private static final class Pass {
        final double eventsPerCpuSecond;
        final double eventsPerSecond;
        final double p50Micros;
        final double p99Micros;
        final long fires;
        List<List<TriggerMatch>> fired;

        Pass(double eventsPerCpuSecond, double eventsPerSecond, double p50Micros, double p99Micros,
                List<List<TriggerMatch>> fired) {
            this.eventsPerCpuSecond = eventsPerCpuSecond;
            this.eventsPerSecond = eventsPerSecond;
            this.p50Micros = p50Micros;
            this.p99Micros = p99Micros;
            this.fires = fired.stream().mapToLong(List::size).sum();
            this.fired = fired;
        }
    }
}
