package org.walle.engine.ui;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Control;

/**
 * Long work of a view as a user Job (progress and cancel in the Progress view): the work runs off the UI thread and
 * returns what to show, which runs on the UI thread unless the view is gone. A failure opens an error dialog with
 * the cause in its details; a cancelled job ends with CANCEL status and runs only its {@code onCancel} update (the
 * work's partial results are dropped with the work).
 */
public final class BackgroundWork {
    private BackgroundWork() {
    }

    /** The part that runs off the UI thread; it returns the UI update. */
    @FunctionalInterface
    public interface Work {
        Runnable run(SubMonitor monitor);
    }

    /**
     * @param owner      a control of the view: its display runs the update, its disposal drops it
     * @param failedWhat the dialog's message on failure, e.g. "The backend search of model X failed"
     * @param onFailure  runs on the UI thread before the dialog (e.g. to put the failure in a status line)
     * @param rule       serialises jobs that share state, or null
     */
    public static Job schedule(Control owner, String name, String title, String failedWhat, Runnable onFailure,
            ISchedulingRule rule, Work work) {
        return schedule(owner, name, title, failedWhat, onFailure, () -> { }, rule, work);
    }

    /** As above; {@code onCancel} runs on the UI thread when the job was cancelled (e.g. to say so in a status). */
    public static Job schedule(Control owner, String name, String title, String failedWhat, Runnable onFailure,
            Runnable onCancel, ISchedulingRule rule, Work work) {
        Job job = Job.create(name, monitor -> {
            Runnable done;
            try {
                done = work.run(SubMonitor.convert(monitor, name, 1));
            } catch (OperationCanceledException e) {
                inUi(owner, onCancel);
                return Status.CANCEL_STATUS;
            } catch (RuntimeException | LinkageError e) {
                done = () -> {
                    onFailure.run();
                    ErrorReports.show(owner.getShell(), title, failedWhat, e);
                };
            }
            inUi(owner, done);
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.setRule(rule);
        job.schedule();
        return job;
    }

    private static void inUi(Control owner, Runnable update) {
        if (!owner.isDisposed()) {
            owner.getDisplay().asyncExec(() -> {
                if (!owner.isDisposed()) {
                    update.run();
                }
            });
        }
    }
}
