package org.walle.engine.ui;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * Failures of long work as a dialog whose Details list the cause chain and the stack, so the user sees why and not
 * only that something failed. Tests replace the dialog with a sink to assert on the status.
 */
public final class ErrorReports {
    private static final String PLUGIN_ID = "org.walle.engine.ui";
    private static volatile Consumer<IStatus> sink;

    private ErrorReports() {
    }

    /** A status whose message names the failed action and whose children are the causes and stack frames. */
    public static MultiStatus status(String message, Throwable error) {
        MultiStatus status = new MultiStatus(PLUGIN_ID, IStatus.ERROR, message, error);
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            status.add(Status.error(t.getClass().getSimpleName() + ": " + t.getMessage()));
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(12, frames.length); i++) {
                status.add(Status.error("    at " + frames[i]));
            }
        }
        return status;
    }

    /** Shows the dialog (or hands the status to the test sink); call on the UI thread. */
    public static void show(Shell shell, String title, String message, Throwable error) {
        MultiStatus status = status(message, error);
        Consumer<IStatus> s = sink;
        if (s != null) {
            s.accept(status);
        } else {
            ErrorDialog.openError(shell, title, null, status);
        }
    }

    /** For tests: where statuses go instead of a modal dialog (null restores the dialog). */
    public static void redirectForTests(Consumer<IStatus> testSink) {
        sink = testSink;
    }
}
