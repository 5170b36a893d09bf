package org.walle.pyvm.ui.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.osgi.util.NLS;
import org.walle.device.DeviceProfile;
import org.walle.pyvm.ui.internal.ConsoleSink;
import org.walle.pyvm.ui.internal.EmulatorSession;
import org.walle.pyvm.ui.internal.EventStream;
import org.walle.pyvm.ui.internal.RunMode;

/**
 * Launches a "Walle Task" configuration: validates it, then runs the task folder on the device emulator in a Job
 * (the same {@link EmulatorSession} as the Task Run view) as a {@link TaskProcess} whose console shows the fired
 * triggers, the task's printed lines, outputs, timings and errors.
 */
public final class TaskLaunchDelegate extends LaunchConfigurationDelegate {
    /** Exit values of the task process. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_TASK_FAILED = 1;
    public static final int EXIT_NOT_STARTED = 2;
    public static final int EXIT_TERMINATED = 3;

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        TaskLaunchSettings settings = TaskLaunchSettings.read(configuration);
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new CoreException(Status.error(NLS.bind(Messages.Launch_invalid, configuration.getName(),
                    String.join("\n", problems))));
        }
        DeviceProfile profile;
        EventStream stream;
        try {
            profile = settings.resolveProfile();
            stream = settings.stream();
        } catch (IOException | RuntimeException e) {
            throw new CoreException(Status.error(e.getMessage(), e));
        }
        // the debug UI's console manager must be listening before the process joins the launch
        DebugUITools.getPreferenceStore();
        Path taskDir = settings.taskDir();
        TaskProcess process = new TaskProcess(launch, NLS.bind(Messages.Launch_processLabel,
                taskDir.getFileName(), profile.name()));
        start(process, profile, taskDir, stream, settings.mode());
    }

    private static void start(TaskProcess process, DeviceProfile profile, Path taskDir, EventStream stream,
            RunMode mode) {
        ConsoleSink console = process.console();
        Job job = Job.create(NLS.bind(Messages.Launch_job, taskDir.getFileName()), monitor -> {
            long t0 = System.nanoTime();
            int exit = EXIT_NOT_STARTED;
            try (EmulatorSession session = EmulatorSession.open(profile, taskDir, stream, console)) {
                EmulatorSession.End end = session.run(mode, Integer.MAX_VALUE, monitor::isCanceled, () -> {
                });
                String template = end == EmulatorSession.End.CANCELLED ? Messages.Launch_terminated
                        : end == EmulatorSession.End.STOPPED_BY_MODE ? Messages.Launch_stoppedByMode
                        : Messages.Launch_finished;
                console.line(NLS.bind(template, session.summary(),
                        String.format(Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9)), null);
                exit = end == EmulatorSession.End.CANCELLED ? EXIT_TERMINATED
                        : session.errors() > 0 ? EXIT_TASK_FAILED : EXIT_OK;
            } catch (Exception e) { // a bad package lists every problem; a bad recording names file and line
                console.error(NLS.bind(Messages.Launch_failed, e.getMessage()), null);
            } finally {
                process.exited(exit);
            }
            return Status.OK_STATUS;
        });
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (!process.isTerminated()) { // cancelled before it started
                    process.exited(EXIT_TERMINATED);
                }
            }
        });
        process.runIn(job);
        job.schedule();
    }
}
