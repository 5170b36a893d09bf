package org.walle.studio;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The "Model" perspective: model outline, computation graph and, below it, the selected operator's properties, its
 * decomposition, the backend search and the profile.
 */
public class ModelPerspective implements IPerspectiveFactory {
    public static final String ID = "org.walle.studio.perspective.model";
    /** View ids of org.walle.engine.ui, kept as strings so the application bundle does not depend on it. */
    static final String GRAPH_VIEW_ID = "org.walle.engine.ui.graphView";
    static final String OUTLINE_VIEW_ID = "org.walle.engine.ui.modelOutline";
    static final String DECOMPOSITION_VIEW_ID = "org.walle.engine.ui.decompositionView";
    static final String SEARCH_VIEW_ID = "org.walle.engine.ui.backendSearchView";
    static final String PROFILE_VIEW_ID = "org.walle.engine.ui.profileView";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        String editors = layout.getEditorArea();
        layout.addView(OUTLINE_VIEW_ID, IPageLayout.LEFT, 0.22f, editors);
        layout.addView(GRAPH_VIEW_ID, IPageLayout.RIGHT, 0.22f, editors);
        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.68f, GRAPH_VIEW_ID);
        bottom.addView(IPageLayout.ID_PROP_SHEET);
        bottom.addView(DECOMPOSITION_VIEW_ID);
        bottom.addView(SEARCH_VIEW_ID);
        bottom.addView(PROFILE_VIEW_ID);
        layout.addShowViewShortcut(GRAPH_VIEW_ID);
        layout.addShowViewShortcut(OUTLINE_VIEW_ID);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut(DECOMPOSITION_VIEW_ID);
        layout.addShowViewShortcut(SEARCH_VIEW_ID);
        layout.addShowViewShortcut(PROFILE_VIEW_ID);
    }
}
