package org.walle.studio;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** The "Model" perspective: the computation graph of the open model fills the window. */
public class ModelPerspective implements IPerspectiveFactory {
    public static final String ID = "org.walle.studio.perspective.model";
    /** Same id as {@code org.walle.engine.ui.GraphView.ID}; kept as a string so the app bundle does not need the UI one. */
    static final String GRAPH_VIEW_ID = "org.walle.engine.ui.graphView";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        layout.addView(GRAPH_VIEW_ID, IPageLayout.LEFT, 1.0f, layout.getEditorArea());
        layout.addShowViewShortcut(GRAPH_VIEW_ID);
    }
}
