package org.walle.engine.ui;

import java.util.function.Consumer;

import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;

/** Outline of the open model: its inputs, outputs, and operators grouped by type; double-click jumps to the op. */
public class ModelOutlineView extends ViewPart {
    public static final String ID = "org.walle.engine.ui.modelOutline";

    private TreeViewer viewer;
    private final Consumer<OpenModel> modelListener = model -> {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            viewer.setInput(model);
            viewer.expandToLevel(2);
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TreeViewer(parent, SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.setContentProvider(new ModelOutline.ContentProvider());
        viewer.setLabelProvider(new ModelOutline.LabelProvider());
        viewer.addDoubleClickListener(e -> ModelOutline.revealInGraph(getSite().getPage(), e.getSelection()));
        getSite().setSelectionProvider(viewer);
        ModelService.get().addListener(modelListener);
        modelListener.accept(ModelService.get().current());
    }

    public TreeViewer getViewer() {
        return viewer;
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        ModelService.get().removeListener(modelListener);
        super.dispose();
    }
}
