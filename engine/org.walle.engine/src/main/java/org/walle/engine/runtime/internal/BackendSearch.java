package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.Backend;
import org.walle.engine.backend.Backends;
import org.walle.engine.backend.CommandCost;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.ref.CpuReferenceBackend;
import org.walle.engine.decompose.Command;
import org.walle.engine.graph.GraphException;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SearchReport.BackendTotal;
import org.walle.engine.runtime.SearchReport.Candidate;
import org.walle.engine.runtime.SearchReport.Decision;
import org.walle.engine.runtime.SessionOptions;

/**
 * The semi-auto search: per command, each backend's cheapest algorithm by its cost formula; per graph, each
 * backend's total (its commands, the ones it lacks at the best CPU backend's cost plus copies, its per-command
 * overhead); the lowest total wins unless the user pinned a backend. Node and algorithm pins are honoured when the
 * pinned backend supports the command; otherwise the decision records why not.
 */
public final class BackendSearch {
    private final List<Backend> backends;
    private final Map<String, String> unavailable;
    private final SessionOptions options;

    /** The winner of one command with its decision record. */
    record Placed(Backend backend, Algorithm algorithm, double seconds, String fallbackReason, boolean pinned) {
    }

    /** A backend's execution could not be made (its deferred device did not open): search again without it. */
    public static final class StartFailure extends RuntimeException {
        private final transient Backend backend;

        StartFailure(Backend backend, RuntimeException cause) {
            super(backend.name() + " could not start: " + cause, cause);
            this.backend = backend;
        }

        public Backend backend() {
            return backend;
        }
    }

    /** The steps to run and the record of how they were chosen. */
    public record Outcome(List<Step> steps, SearchReport report) {
    }

    /**
     * @param backends    available backends, highest rank first (the reference backend among them)
     * @param unavailable providers that cannot run here, with the reason, for the report
     */
    public BackendSearch(List<Backend> backends, Map<String, String> unavailable, SessionOptions options) {
        this.backends = List.copyOf(backends);
        this.unavailable = Map.copyOf(unavailable);
        this.options = options;
        if (!Backends.AUTO.equals(options.backend()) && find(options.backend()) == null) {
            String why = unavailable.get(options.backend());
            throw new GraphException("backend search", "backend '" + options.backend() + "' "
                    + (why != null ? "is not available here: " + why : "is unknown; known: " + names()));
        }
    }

    public Outcome search(List<Command> commands) {
        long start = System.nanoTime();
        List<Creation[]> creations = new ArrayList<>();
        for (Backend b : backends) {
            Creation[] per = new Creation[commands.size()];
            for (int i = 0; i < per.length; i++) {
                per[i] = create(b, commands.get(i));
            }
            creations.add(per);
        }
        Map<Backend, List<Placed>> plans = new LinkedHashMap<>();
        List<BackendTotal> totals = new ArrayList<>();
        for (int p = 0; p < backends.size(); p++) {
            List<Placed> placed = new ArrayList<>();
            double total = 0;
            double copies = 0;
            int fallbacks = 0;
            for (int i = 0; i < commands.size(); i++) {
                Placed c = place(commands.get(i), i, p, creations);
                placed.add(c);
                total += c.seconds() + c.backend().overheadSeconds();
                if (c.backend() != backends.get(p)) {
                    fallbacks++;
                    double copy = backends.get(p).copySeconds(CommandCost.operandBytes(commands.get(i)));
                    copies += copy;
                    total += copy;
                }
            }
            plans.put(backends.get(p), placed);
            totals.add(new BackendTotal(backends.get(p).name(), total, fallbacks, copies, null));
        }
        unavailable.forEach((name, why) -> totals.add(new BackendTotal(name, Double.NaN, 0, 0, why)));
        boolean pinned = !Backends.AUTO.equals(options.backend());
        Backend winner = pinned ? find(options.backend()) : cheapest(totals, commands.size());
        List<Placed> chosen = plans.get(winner);
        List<Step> steps = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Command c = commands.get(i);
            Placed w = chosen.get(i);
            steps.add(new Step(c, w.backend(), w.algorithm().name(), create(w)));
            decisions.add(new Decision(i, c.node(), c.op(), CommandCost.flops(c), candidates(i, creations),
                    w.backend().name(), w.algorithm().name(), w.fallbackReason(), w.pinned()));
        }
        SearchReport report = new SearchReport(winner.name(), pinned, totals, decisions, System.nanoTime() - start,
                false);
        return new Outcome(steps, report);
    }

    private Placed place(Command c, int i, int primary, List<Creation[]> creations) {
        String nodePin = options.nodeBackends().get(c.node());
        String pinReason = null;
        if (nodePin != null) {
            int pinned = indexOf(nodePin);
            if (pinned >= 0 && creations.get(pinned)[i] instanceof Creation.Supported s) {
                return best(c, pinned, s, null, true);
            }
            pinReason = "pinned backend " + nodePin + (pinned < 0 ? " is not available"
                    : " cannot run it: " + ((Creation.Unsupported) creations.get(pinned)[i]).reason());
        }
        if (creations.get(primary)[i] instanceof Creation.Supported s) {
            Placed p = best(c, primary, s, pinReason, false);
            return p;
        }
        String reason = ((Creation.Unsupported) creations.get(primary)[i]).reason();
        Placed fallback = null;
        for (int b = 0; b < backends.size(); b++) {
            if (b != primary && backends.get(b).hostMemory() && creations.get(b)[i] instanceof Creation.Supported s) {
                String why = backends.get(primary).name() + ": " + reason;
                Placed p = best(c, b, s, pinReason == null ? why : pinReason + "; " + why, false);
                if (fallback == null || p.seconds() < fallback.seconds()) {
                    fallback = p;
                }
            }
        }
        if (fallback == null) {
            throw new GraphException(c.node(), "no backend can run " + c.op() + ": " + reason);
        }
        return fallback;
    }

    private Placed best(Command c, int backend, Creation.Supported s, String reason, boolean pinned) {
        String wanted = options.nodeAlgorithms().getOrDefault(c.node(), options.algorithm());
        Algorithm best = null;
        for (Algorithm a : s.algorithms()) {
            if (wanted != null && a.name().startsWith(wanted)) {
                return new Placed(backends.get(backend), a, a.estimatedSeconds(), reason, true);
            }
            if (best == null || a.estimatedSeconds() < best.estimatedSeconds()) {
                best = a;
            }
        }
        return new Placed(backends.get(backend), best, best.estimatedSeconds(), reason, pinned);
    }

    private List<Candidate> candidates(int i, List<Creation[]> creations) {
        List<Candidate> out = new ArrayList<>();
        for (int b = 0; b < backends.size(); b++) {
            String name = backends.get(b).name();
            if (creations.get(b)[i] instanceof Creation.Supported s) {
                s.algorithms().forEach(a -> out.add(new Candidate(name, a.name(), a.estimatedSeconds(), null, null)));
            } else {
                out.add(new Candidate(name, "-", Double.NaN, null, ((Creation.Unsupported) creations.get(b)[i]).reason()));
            }
        }
        return out;
    }

    /** Device backends may open their device only now; one that cannot is dropped by the caller. */
    private static org.walle.engine.backend.Execution create(Placed w) {
        try {
            return w.algorithm().create();
        } catch (RuntimeException e) {
            if (w.backend().hostMemory()) {
                throw e;
            }
            throw new StartFailure(w.backend(), e);
        }
    }

    /** A backend that throws while answering is treated as not supporting the command, with the error as reason. */
    private static Creation create(Backend b, Command c) {
        try {
            Creation r = b.onCreate(c);
            return r != null ? r : Creation.unsupported("backend gave no answer");
        } catch (RuntimeException e) {
            return Creation.unsupported("onCreate failed: " + e);
        }
    }

    /** A backend that would hand every command to another never wins; on equal totals fewer fallbacks win. */
    private Backend cheapest(List<BackendTotal> totals, int commands) {
        BackendTotal best = null;
        for (BackendTotal t : totals) {
            if (!t.available() || (commands > 0 && t.fallbackCommands() == commands)) {
                continue;
            }
            if (best == null || t.totalSeconds() < best.totalSeconds()
                    || (t.totalSeconds() == best.totalSeconds() && t.fallbackCommands() < best.fallbackCommands())) {
                best = t;
            }
        }
        return find(best != null ? best.backend() : CpuReferenceBackend.NAME);
    }

    private Backend find(String name) {
        int i = indexOf(name);
        return i < 0 ? null : backends.get(i);
    }

    private int indexOf(String name) {
        for (int i = 0; i < backends.size(); i++) {
            if (backends.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private String names() {
        List<String> all = new ArrayList<>(backends.stream().map(Backend::name).toList());
        all.addAll(unavailable.keySet());
        return all.toString();
    }
}
