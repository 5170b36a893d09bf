package org.walle.deploy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.eclipse.ui.IPerspectiveDescriptor;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;

/** The Deploy perspective is registered and shows the Servers view. */
class DeployPerspectiveTest {
    @Test
    void deployPerspectiveShowsTheServersView() {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IPerspectiveDescriptor previous = page.getPerspective();
        IPerspectiveDescriptor deploy = PlatformUI.getWorkbench().getPerspectiveRegistry()
                .findPerspectiveWithId(DeployPerspective.ID);
        assertNotNull(deploy, "perspective " + DeployPerspective.ID + " is not registered");
        try {
            page.setPerspective(deploy);
            assertEquals(DeployPerspective.ID, page.getPerspective().getId());
            assertNotNull(page.findView(ServersView.ID), "the Deploy perspective should show the Servers view");
        } finally {
            page.setPerspective(previous);
        }
    }

    @Test
    void preferencePageIsRegistered() {
        assertNotNull(PlatformUI.getWorkbench().getPreferenceManager().find(DeployPreferencePage.ID));
    }
}
