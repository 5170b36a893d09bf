package org.walle.engine.ui.search;

import java.util.List;
import java.util.Locale;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SearchReport.BackendTotal;
import org.walle.engine.runtime.SearchReport.Candidate;
import org.walle.engine.runtime.SearchReport.Decision;

/**
 * Cells of the search view's two tables: backend totals, and decisions per command with every candidate below its
 * decision.
 */
final class SearchRows {
    private SearchRows() {
    }

    /** A candidate as a child row, knowing its decision to tell whether it won. */
    record CandidateRow(Decision decision, Candidate candidate) {
        boolean isWinner() {
            return candidate.backend().equals(decision.backend()) && candidate.algorithm().equals(decision.algorithm());
        }
    }

    static String[] total(BackendTotal t, SearchReport report) {
        String status;
        if (!t.available()) {
            status = Messages.bind(Messages.unavailable, "", t.unavailableReason()).trim();
        } else if (t.backend().equals(report.chosenBackend())) {
            status = report.pinned() ? Messages.chosenPinned : Messages.chosen;
        } else {
            status = "";
        }
        return new String[] {t.backend(), t.available() ? ms(t.totalSeconds()) : "",
                t.available() ? Integer.toString(t.fallbackCommands()) : "", t.available() ? ms(t.copySeconds()) : "",
                status};
    }

    static String[] row(Object element) {
        if (element instanceof Decision d) {
            Candidate w = d.winner();
            return new String[] {Integer.toString(d.command()), d.node(), d.op().name(), d.backend(), d.algorithm(),
                    ms(w.estimatedSeconds()), measured(w), d.fallbackReason() == null ? "" : d.fallbackReason(),
                    d.pinned() ? Messages.pinned : ""};
        }
        if (element instanceof CandidateRow r) {
            Candidate c = r.candidate();
            return new String[] {"", "", "", c.backend(), c.algorithm(), c.supported() ? ms(c.estimatedSeconds()) : "",
                    measured(c), c.supported() ? "" : Messages.notSupported + ": " + c.unsupportedReason(),
                    r.isWinner() ? Messages.winner : ""};
        }
        return new String[] {String.valueOf(element), "", "", "", "", "", "", "", ""};
    }

    private static String measured(Candidate c) {
        return c.measuredSeconds() == null ? "" : ms(c.measuredSeconds());
    }

    static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.4f", seconds * 1000);
    }

    static final class DecisionContent implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return input instanceof List<?> list ? list.toArray() : new Object[0];
        }

        @Override
        public Object[] getChildren(Object parent) {
            if (parent instanceof Decision d) {
                return d.candidates().stream().map(c -> new CandidateRow(d, c)).toArray();
            }
            return new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return element instanceof CandidateRow r ? r.decision() : null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof Decision d && !d.candidates().isEmpty();
        }
    }
}
