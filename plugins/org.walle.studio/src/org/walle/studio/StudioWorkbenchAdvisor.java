package org.walle.studio;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/**
 * Opens the Model perspective first. Two system properties serve unattended runs (the product smoke test):
 * {@code walle.studio.exitAfterMs} closes the workbench after a delay, and the start-up line {@value #READY} on
 * stdout tells that the window and its views are up.
 */
public class StudioWorkbenchAdvisor extends WorkbenchAdvisor {
    public static final String READY = "WALLE-STUDIO-READY";

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        configurer.setSaveAndRestore(false);
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return ModelPerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new StudioWindowAdvisor(configurer);
    }

    @Override
    public void postStartup() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window == null ? null : window.getActivePage();
        StringBuilder views = new StringBuilder();
        if (page != null) {
            for (var ref : page.getViewReferences()) {
                views.append(views.length() > 0 ? "," : "").append(ref.getId());
            }
        }
        System.out.println(READY + " window=" + (window != null) + " perspective="
                + (page == null ? "none" : page.getPerspective().getId()) + " views=" + views);
        long exitAfter = Long.getLong("walle.studio.exitAfterMs", -1L);
        if (exitAfter > 0) {
            Display display = PlatformUI.getWorkbench().getDisplay();
            display.timerExec((int) exitAfter, () -> PlatformUI.getWorkbench().close());
        }
    }
}
