package org.walle.pyvm.ui;

import java.util.List;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;
import org.walle.pyvm.ui.internal.OutlineParser;

/** Functions and classes of the edited script; selecting one reveals its line. */
final class PythonOutlinePage extends ContentOutlinePage {
    private final PythonEditor editor;

    PythonOutlinePage(PythonEditor editor) {
        this.editor = editor;
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer viewer = getTreeViewer();
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return ((List<?>) input).toArray();
            }

            @Override
            public Object[] getChildren(Object parent) {
                return ((OutlineParser.Item) parent).children().toArray();
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return !((OutlineParser.Item) element).children().isEmpty();
            }
        });
        viewer.setLabelProvider(new LabelProvider());
        viewer.addSelectionChangedListener(e -> {
            if (e.getSelection() instanceof IStructuredSelection s
                    && s.getFirstElement() instanceof OutlineParser.Item item) {
                editor.gotoLine(item.line());
            }
        });
        refresh();
    }

    /** Re-parses the document (called after each save). */
    void refresh() {
        TreeViewer viewer = getTreeViewer();
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        viewer.setInput(OutlineParser.parse(editor.text()));
        viewer.expandAll();
    }

    /** The items shown, for tests and the status line. */
    List<OutlineParser.Item> items() {
        if (getTreeViewer() == null) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<OutlineParser.Item> items = (List<OutlineParser.Item>) getTreeViewer().getInput();
        return items == null ? List.of() : items;
    }
}
