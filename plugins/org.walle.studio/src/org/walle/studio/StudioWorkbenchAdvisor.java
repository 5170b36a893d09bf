package org.walle.studio;

import java.util.Map;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;

/**
 * Opens the Model perspective first, and any {@code .onnx} file given as a program argument; the pages show the
 * workspace (Project Explorer) and the workspace is saved on shutdown. Two hooks serve
 * unattended runs (the product smoke test):
 * {@code walle.studio.exitAfterMs} closes the workbench after a delay, and the start-up line {@value #READY} on
 * stdout tells that the window and its views are up.
 */
public class StudioWorkbenchAdvisor extends WorkbenchAdvisor {
    public static final String READY = "WALLE-STUDIO-READY";
    private static final int STARTUP_EVENT_GRACE_MS = 10_000;
    private static final String OPEN_MODEL_COMMAND = "org.walle.engine.ui.openModel";
    private static final String OPEN_MODEL_FILE = "org.walle.engine.ui.openModel.file";

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        configurer.setSaveAndRestore(false);
        WorkspaceSupport.initialize(configurer);
    }

    /** The workspace root: what the Project Explorer shows. */
    @Override
    public IAdaptable getDefaultPageInput() {
        return ResourcesPlugin.getWorkspace().getRoot();
    }

    @Override
    public void postShutdown() {
        WorkspaceSupport.save();
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return ModelPerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new StudioWindowAdvisor(configurer);
    }

    /**
     * Closes the workbench a delay after the start-up has completed: the e4 "app startup complete" event is
     * delivered asynchronously after postStartup, and closing before it arrives disposes the display under its
     * handlers.
     */
    private static void closeAfterStartupCompletes(int delayMs) {
        Display display = PlatformUI.getWorkbench().getDisplay();
        IEventBroker broker = PlatformUI.getWorkbench().getService(IEventBroker.class);
        Runnable close = () -> {
            if (PlatformUI.isWorkbenchRunning() && !PlatformUI.getWorkbench().isClosing()) {
                PlatformUI.getWorkbench().close();
            }
        };
        broker.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE,
                event -> display.asyncExec(() -> display.timerExec(delayMs, close)));
        // the event usually goes out before postStartup subscribes: then close once the UI has settled
        display.timerExec(delayMs + STARTUP_EVENT_GRACE_MS, close);
    }

    /** {@code walle-studio model.onnx} opens the model, through the open-model command of the engine UI. */
    private static void openModelsGivenOnTheCommandLine() {
        for (String arg : Platform.getApplicationArgs()) {
            if (arg.endsWith(".onnx")) {
                ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
                IHandlerService handlers = PlatformUI.getWorkbench().getService(IHandlerService.class);
                try {
                    ParameterizedCommand open = ParameterizedCommand.generateCommand(
                            commands.getCommand(OPEN_MODEL_COMMAND), Map.of(OPEN_MODEL_FILE, arg));
                    handlers.executeCommand(open, null);
                } catch (Exception e) {
                    Platform.getLog(StudioWorkbenchAdvisor.class).error("cannot open " + arg, e);
                }
            }
        }
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
        openModelsGivenOnTheCommandLine();
        long exitAfter = Long.getLong("walle.studio.exitAfterMs", -1L);
        if (exitAfter > 0) {
            closeAfterStartupCompletes((int) exitAfter);
        }
    }
}
