package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.Backend;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.Execution;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SearchReport.Candidate;
import org.walle.engine.runtime.SearchReport.Decision;

/**
 * Measuring mode, as a step timer: after each step of one run, every supported candidate of that command runs on
 * the live operands ({@code max(2, runs)} untimed, then {@code runs} timed), the step's own execution runs again so
 * later steps see its exact output, and the fastest candidate becomes the command's measured choice.
 */
public final class Measurement implements RunState.StepTimer {
    private final RunState state;
    private final SessionBackends backends;
    private final SearchReport estimated;
    private final int runs;
    private final List<Decision> measured = new ArrayList<>();
    private final List<Step> fastest = new ArrayList<>();

    public Measurement(RunState state, SessionBackends backends, SearchReport estimated, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("measuring needs at least one run, got " + runs);
        }
        this.state = state;
        this.backends = backends;
        this.estimated = estimated;
        this.runs = runs;
    }

    @Override
    public void record(int step, long kernelNanos, long copyNanos) {
        Decision d = estimated.decisions().get(step);
        Step own = state.steps().get(step);
        List<Candidate> candidates = new ArrayList<>();
        Step best = own;
        double bestSeconds = Double.MAX_VALUE;
        Map<Backend, Creation> creations = new IdentityHashMap<>();
        for (Candidate c : d.candidates()) {
            Backend b = backends.find(c.backend());
            Algorithm a = c.supported() && b != null
                    ? algorithm(creations.computeIfAbsent(b, x -> x.onCreate(own.command())), c.algorithm()) : null;
            if (a == null) {
                candidates.add(c);
                continue;
            }
            Execution e = b == own.backend() && a.name().equals(own.algorithm()) ? own.execution() : a.create();
            double seconds = time(step, b, e);
            candidates.add(c.withMeasured(seconds));
            if (seconds < bestSeconds) {
                bestSeconds = seconds;
                best = new Step(own.command(), b, a.name(), e);
            }
        }
        state.time(step, own.backend(), own.execution());
        fastest.add(best);
        String reason = best.backend() == own.backend() ? d.fallbackReason() : "measured faster than "
                + own.backend().name() + "/" + own.algorithm();
        measured.add(new Decision(d.command(), d.node(), d.op(), d.flops(), candidates, best.backend().name(),
                best.algorithm(), reason, d.pinned()));
    }

    private double time(int step, Backend b, Execution e) {
        // as many untimed runs as timed ones (at least two): a candidate's first calls measure the JIT, not it
        for (int w = 0; w < Math.max(2, runs); w++) {
            state.time(step, b, e);
        }
        long[] nanos = new long[runs];
        for (int r = 0; r < runs; r++) {
            nanos[r] = state.time(step, b, e);
        }
        Arrays.sort(nanos);
        return nanos[runs / 2] / 1e9;
    }

    private static Algorithm algorithm(Creation creation, String name) {
        if (creation instanceof Creation.Supported s) {
            return s.algorithms().stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
        }
        return null;
    }

    public SearchReport report() {
        return new SearchReport(estimated.chosenBackend(), estimated.pinned(), estimated.totals(), measured,
                estimated.searchNanos(), true);
    }

    /** A run state that uses the fastest measured candidate of every command. */
    public RunState fastestState(Plan plan) {
        return new RunState(plan, fastest);
    }
}
