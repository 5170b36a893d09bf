package org.walle.deploy.ui;

import java.util.function.Function;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.walle.deploy.ui.internal.server.EmbeddedServer;
import org.walle.deploy.ui.internal.server.ServerRegistry;
import org.walle.deploy.ui.internal.server.ServerSettings;
import org.walle.deploy.ui.internal.server.ServerStartException;

/** Start, stop and refresh as Jobs; one rule keeps a stop from overtaking a start the user clicked just before. */
public final class ServerJobs {
    /** The family of the start and stop jobs, so tests can wait for them. */
    public static final Object FAMILY = new Object();
    /** The family of the refresh jobs (they reschedule themselves while the Servers view is open). */
    public static final Object REFRESH_FAMILY = new Object();
    private static final ISchedulingRule SERVER_RULE = new ISchedulingRule() {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule == this;
        }
    };

    private ServerJobs() {
    }

    /** Starts the embedded server with the current preferences; a failure opens the error dialog. */
    public static Job start(EmbeddedServer server, boolean atStudioStart) {
        Job job = new ServerJob(Messages.ServerJobs_start, FAMILY, monitor -> {
            ServerSettings settings = DeployPreferences.settings(Activator.getDefault().getPreferenceStore());
            SubMonitor sub = SubMonitor.convert(monitor, Messages.ServerJobs_start + " (port " + settings.port() + ")",
                    2);
            try {
                sub.split(1);
                if (atStudioStart) {
                    server.autostart(settings);
                } else {
                    server.start(settings);
                }
                sub.split(1).subTask(Messages.ServerJobs_fetchCounts);
                server.refresh();
                return Status.OK_STATUS;
            } catch (ServerStartException e) {
                ServerErrors.showStartFailure(e);
                // reported by the dialog; an error status would open a second, generic one
                return Status.info(e.getMessage());
            }
        });
        job.schedule();
        return job;
    }

    public static Job stop(EmbeddedServer server) {
        Job job = new ServerJob(Messages.ServerJobs_stop, FAMILY, monitor -> {
            SubMonitor.convert(monitor, Messages.ServerJobs_stop, 1);
            try {
                server.stop();
                return Status.OK_STATUS;
            } catch (RuntimeException e) {
                ServerErrors.showStopFailure(e);
                return Status.info(e.getMessage());
            }
        });
        job.schedule();
        return job;
    }

    /** Status and counts of every server; a system job, because it runs every few seconds. */
    public static Job refresh(ServerRegistry registry, long delayMs) {
        Job job = new ServerJob(Messages.ServerJobs_refresh, REFRESH_FAMILY, monitor -> {
            SubMonitor.convert(monitor, Messages.ServerJobs_refresh, 1);
            registry.refreshAll();
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        // a slow remote server must not hold up Start and Stop
        job.setRule(null);
        job.schedule(delayMs);
        return job;
    }

    private static final class ServerJob extends Job {
        private final Function<IProgressMonitor, IStatus> body;
        private final Object family;

        ServerJob(String name, Object family, Function<IProgressMonitor, IStatus> body) {
            super(name);
            this.body = body;
            this.family = family;
            setRule(SERVER_RULE);
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            return body.apply(monitor);
        }

        @Override
        public boolean belongsTo(Object family) {
            return family == this.family;
        }
    }
}
