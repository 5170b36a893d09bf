package org.walle.deploy.ui;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.walle.deploy.ui.internal.server.ServerStartException;

/**
 * Failures of the embedded server open an error dialog whose Details hold the cause chain and stack trace, and go
 * to the error log. The dialog does not block, so a job or a test is never stuck behind it.
 */
public final class ServerErrors {
    private static volatile ErrorDialog lastDialog;

    private ServerErrors() {
    }

    /** The dialog opened last (tests close it; {@code null} when none was opened). */
    public static ErrorDialog lastDialog() {
        return lastDialog;
    }

    static void showStartFailure(ServerStartException e) {
        String hint = e.isPortInUse() ? Messages.ServerErrors_portHint : Messages.ServerErrors_otherHint;
        show(e.getMessage() + "\n\n" + hint, e);
    }

    static void showStopFailure(RuntimeException e) {
        show(NLS.bind(Messages.ServerErrors_stopFailed, e.getMessage()), e);
    }

    private static void show(String message, Throwable cause) {
        MultiStatus details = details(message, cause);
        Activator.getDefault().getLog().log(details);
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        display.asyncExec(() -> {
            Shell parent = display.getActiveShell();
            ErrorDialog dialog = new ErrorDialog(parent, Messages.ServerErrors_title, message, details,
                    IStatus.ERROR | IStatus.WARNING);
            dialog.setBlockOnOpen(false);
            lastDialog = dialog;
            dialog.open();
        });
    }

    /** One child per line of the stack trace, so Details shows the causes ("Address already in use") in full. */
    private static MultiStatus details(String message, Throwable cause) {
        MultiStatus status = new MultiStatus(Activator.PLUGIN_ID, IStatus.ERROR, message, cause);
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        for (String line : trace.toString().split("\\R")) {
            status.add(new Status(IStatus.ERROR, Activator.PLUGIN_ID, line.replace("\t", "    ")));
        }
        return status;
    }
}
