package org.walle.deploy.ui;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Release work: the Servers view across the window (dashboards and wizards join it as they land). */
public final class DeployPerspective implements IPerspectiveFactory {
    public static final String ID = "org.walle.deploy.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        layout.addStandaloneView(ServersView.ID, true, IPageLayout.TOP, 0.5f, layout.getEditorArea());
        layout.getViewLayout(ServersView.ID).setCloseable(false);
        layout.addShowViewShortcut(ServersView.ID);
    }
}
