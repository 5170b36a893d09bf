package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.Backend;
import org.walle.engine.backend.CommandCost;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.Execution;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SearchReport.Candidate;
import org.walle.engine.runtime.SearchReport.Decision;

/**
 * Measuring mode, as a step timer: after each step of one run, every supported candidate of that command runs on
 * the live operands ({@code max(2, runs)} untimed, then {@code runs} timed), the step's own execution runs again so
 * later steps see its exact output, and the fastest candidate becomes the command's measured choice. A candidate
 * that throws is recorded as unsupported with the failure (the step's own execution then runs again, so its output
 * is intact). Candidates across the host/device boundary from the searched choice are charged their copies.
 */
public final class Measurement implements RunState.StepTimer {
    private final RunState state;
    private final SessionBackends backends;
    private final SearchReport estimated;
    private final int runs;
    private final boolean hostPass;
    private final List<Step> previous;
    private final SearchReport origin;
    private final BooleanSupplier cancelled;
    private final List<Decision> measured = new ArrayList<>();
    private final List<Step> fastest = new ArrayList<>();

    /**
     * The first pass: times the candidates of host-memory backends only.
     *
     * @param cancelled asked before each command; true ends the pass with a {@link CancellationException}
     */
    public Measurement(RunState state, SessionBackends backends, SearchReport estimated, int runs,
            BooleanSupplier cancelled) {
        this(state, backends, estimated, runs, true, null, estimated, cancelled);
    }

    private Measurement(RunState state, SessionBackends backends, SearchReport estimated, int runs, boolean hostPass,
            List<Step> previous, SearchReport origin, BooleanSupplier cancelled) {
        if (runs < 1) {
            throw new IllegalArgumentException("measuring needs at least one run, got " + runs);
        }
        this.state = state;
        this.backends = backends;
        this.estimated = estimated;
        this.runs = runs;
        this.hostPass = hostPass;
        this.previous = previous;
        this.origin = origin;
        this.cancelled = cancelled;
    }

    /**
     * The second pass, run after this one: times the device backends' candidates, starting from this pass's
     * measurements. Devices go last because an OpenCL device on the CPU (PoCL) keeps its worker threads spinning
     * for a while after each launch, which slowed every CPU candidate timed after it by up to 4x on 2 cores.
     */
    public Measurement devicePass() {
        return new Measurement(state, backends, report(), runs, false, List.copyOf(fastest), origin, cancelled);
    }

    @Override
    public void record(int step, long kernelNanos, long copyNanos) {
        stopIfCancelled(step);
        Decision d = estimated.decisions().get(step);
        Step own = state.steps().get(step);
        List<Candidate> candidates = new ArrayList<>();
        Step best = previous != null ? previous.get(step) : own;
        double bestSeconds = previous != null ? measuredSeconds(d, best) : Double.MAX_VALUE;
        Map<Backend, Creation> creations = new IdentityHashMap<>();
        for (Candidate c : d.candidates()) {
            Backend b = backends.find(c.backend());
            boolean thisPass = b != null && b.hostMemory() == hostPass && c.measuredSeconds() == null;
            Algorithm a = thisPass && c.supported()
                    ? algorithm(creations.computeIfAbsent(b, x -> x.onCreate(own.command())), c.algorithm()) : null;
            if (a == null) {
                candidates.add(c);
                continue;
            }
            Execution e;
            double seconds;
            try {
                e = b == own.backend() && a.name().equals(own.algorithm()) ? own.execution() : a.create();
                seconds = time(step, b, e) + crossing(own, b);
            } catch (CancellationException stop) {
                throw stop;
            } catch (RuntimeException failure) {
                // a candidate the search never chose may still be broken: it must not end the measurement
                candidates.add(new Candidate(c.backend(), c.algorithm(), c.estimatedSeconds(), null,
                        "failed when measured: " + failure.getMessage()));
                continue;
            }
            candidates.add(c.withMeasured(seconds));
            if (seconds < bestSeconds) {
                bestSeconds = seconds;
                best = new Step(own.command(), b, a.name(), e);
            }
        }
        state.time(step, own.backend(), own.execution());
        fastest.add(best);
        String reason = best.backend() == own.backend() ? origin.decisions().get(step).fallbackReason()
                : "measured faster than "
                + own.backend().name() + "/" + own.algorithm();
        measured.add(new Decision(d.command(), d.node(), d.op(), d.flops(), candidates, best.backend().name(),
                best.algorithm(), reason, d.pinned()));
    }

    private double time(int step, Backend b, Execution e) {
        // as many untimed runs as timed ones (at least two): a candidate's first calls measure the JIT, not it
        for (int w = 0; w < Math.max(2, runs); w++) {
            stopIfCancelled(step);
            state.time(step, b, e);
        }
        long[] nanos = new long[runs];
        for (int r = 0; r < runs; r++) {
            stopIfCancelled(step);
            nanos[r] = state.time(step, b, e);
        }
        Arrays.sort(nanos);
        return nanos[runs / 2] / 1e9;
    }

    private void stopIfCancelled(int step) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("measuring cancelled at command " + step);
        }
    }

    /**
     * A candidate on the other side of the host/device boundary from the searched choice would need its operands
     * copied there and back in the real plan; repeated timing leaves them resident, so the copies are charged by the
     * device's copy formula, as the search charges fallbacks.
     */
    private static double crossing(Step own, Backend candidate) {
        if (own.backend().hostMemory() == candidate.hostMemory()) {
            return 0;
        }
        Backend device = candidate.hostMemory() ? own.backend() : candidate;
        return device.copySeconds(CommandCost.operandBytes(own.command()));
    }

    /** The measured seconds of the step's candidate in {@code d}, or MAX_VALUE when it was not measured. */
    private static double measuredSeconds(Decision d, Step s) {
        return d.candidates().stream().filter(c -> c.backend().equals(s.backend().name())
                && c.algorithm().equals(s.algorithm()) && c.measuredSeconds() != null)
                .mapToDouble(Candidate::measuredSeconds).findFirst().orElse(Double.MAX_VALUE);
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
