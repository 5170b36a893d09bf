package org.walle.engine.ui.search;

import java.util.function.Supplier;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SearchReport.BackendTotal;

/** The two viewers of the search view, with their columns. */
final class SearchTables {
    private SearchTables() {
    }

    static TableViewer totals(Composite parent, Supplier<SearchReport> report) {
        TableViewer viewer = new TableViewer(parent, SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        String[] titles = {Messages.colBackend, Messages.colEstimate, Messages.colFallbacks, Messages.colCopies,
                Messages.colStatus};
        int[] widths = {120, 110, 150, 100, 520};
        for (int i = 0; i < titles.length; i++) {
            int column = i;
            TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
            c.getColumn().setText(titles[i]);
            c.getColumn().setWidth(widths[i]);
            c.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    SearchReport r = report.get();
                    return r == null ? "" : SearchRows.total((BackendTotal) element, r)[column];
                }
            });
        }
        return viewer;
    }

    static TreeViewer decisions(Composite parent) {
        TreeViewer viewer = new TreeViewer(parent, SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.setContentProvider(new SearchRows.DecisionContent());
        String[] titles = {Messages.colCommand, Messages.colNode, Messages.colOp, Messages.colBackend,
                Messages.colAlgorithm, Messages.colEstimate, Messages.colMeasured, Messages.colReason,
                Messages.colPinned};
        int[] widths = {50, 190, 80, 90, 130, 110, 110, 330, 70};
        for (int i = 0; i < titles.length; i++) {
            int column = i;
            TreeViewerColumn c = new TreeViewerColumn(viewer, SWT.NONE);
            c.getColumn().setText(titles[i]);
            c.getColumn().setWidth(widths[i]);
            c.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    return SearchRows.row(element)[column];
                }
            });
        }
        return viewer;
    }
}
