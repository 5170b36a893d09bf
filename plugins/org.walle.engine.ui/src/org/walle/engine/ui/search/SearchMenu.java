package org.walle.engine.ui.search;

import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.walle.engine.backend.Backends;
import org.walle.engine.runtime.SearchReport.Candidate;
import org.walle.engine.runtime.SearchReport.Decision;

/**
 * The decisions table's context menu, rebuilt on every show from the selected row: pin its node to any available
 * backend, pin one of the algorithms its candidates offer, or clear every pin. Each choice re-runs the search.
 */
public final class SearchMenu {
    private final MenuManager manager = new MenuManager();
    private final TreeViewer viewer;
    private final BackendSearchView view;

    SearchMenu(TreeViewer viewer, BackendSearchView view) {
        this.viewer = viewer;
        this.view = view;
        manager.setRemoveAllWhenShown(true);
        manager.addMenuListener(this::fill);
        viewer.getControl().setMenu(manager.createContextMenu(viewer.getControl()));
    }

    public MenuManager getManager() {
        return manager;
    }

    private void fill(IMenuManager menu) {
        Decision d = selectedDecision();
        if (d != null) {
            MenuManager backends = new MenuManager(Messages.pinBackend);
            for (String name : Backends.availableNames()) {
                backends.add(action(name, () -> view.pinNodeBackend(d.node(), name)));
            }
            menu.add(backends);
            MenuManager algorithms = new MenuManager(Messages.pinAlgorithm);
            Set<String> offered = new LinkedHashSet<>();
            d.candidates().stream().filter(Candidate::supported).forEach(c -> offered.add(c.algorithm()));
            for (String algorithm : offered) {
                algorithms.add(action(algorithm, () -> view.pinNodeAlgorithm(d.node(), algorithm)));
            }
            menu.add(algorithms);
            menu.add(new Separator());
        }
        menu.add(action(Messages.clearPins, view::clearPins));
    }

    private Decision selectedDecision() {
        Object first = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
        if (first instanceof SearchRows.CandidateRow r) {
            return r.decision();
        }
        return first instanceof Decision d ? d : null;
    }

    private static Action action(String text, Runnable run) {
        return new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
    }
}
