package org.walle.engine.runtime;

import java.util.List;

import org.walle.engine.decompose.AtomicOp;

/**
 * Every decision the semi-auto search made at resize: per backend its estimated total for the whole graph, per
 * command the candidates it weighed and the winner. Measured costs are filled in by {@link Session#measure}.
 */
public record SearchReport(String chosenBackend, boolean pinned, List<BackendTotal> totals, List<Decision> decisions,
        long searchNanos, boolean measured) {
    public SearchReport {
        totals = List.copyOf(totals);
        decisions = List.copyOf(decisions);
    }

    /**
     * A backend's estimate for the whole graph: its commands at its own cost, the ones it lacks at the CPU
     * fallback's cost plus copies, plus its per-command overhead. Unavailable backends carry the reason instead.
     */
    public record BackendTotal(String backend, double totalSeconds, int fallbackCommands, double copySeconds,
            String unavailableReason) {
        public boolean available() {
            return unavailableReason == null;
        }
    }

    /** One way to run one command; {@code measuredSeconds} is null until measured, the reason set if unsupported. */
    public record Candidate(String backend, String algorithm, double estimatedSeconds, Double measuredSeconds,
            String unsupportedReason) {
        public boolean supported() {
            return unsupportedReason == null;
        }

        public Candidate withMeasured(double seconds) {
            return new Candidate(backend, algorithm, estimatedSeconds, seconds, unsupportedReason);
        }
    }

    /** The winner for one command and why: {@code fallbackReason} says why it left the graph's backend. */
    public record Decision(int command, String node, AtomicOp op, double flops, List<Candidate> candidates,
            String backend, String algorithm, String fallbackReason, boolean pinned) {
        public Decision {
            candidates = List.copyOf(candidates);
        }

        public Candidate winner() {
            return candidates.stream().filter(c -> c.backend().equals(backend) && c.algorithm().equals(algorithm))
                    .findFirst().orElseThrow();
        }
    }

    public BackendTotal total(String backend) {
        return totals.stream().filter(t -> t.backend().equals(backend)).findFirst().orElse(null);
    }

    /** Decisions of the commands one graph node became. */
    public List<Decision> decisionsFor(String node) {
        return decisions.stream().filter(d -> d.node().equals(node)).toList();
    }
}
