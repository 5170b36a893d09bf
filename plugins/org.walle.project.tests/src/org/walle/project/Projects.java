package org.walle.project;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.jobs.Job;
import org.walle.project.ui.SampleProjectStartup;
import org.walle.ui.testsupport.UiWait;

/** Test helpers: make a project with the wizard's operation, wait for builds, read our markers. */
public final class Projects {
    public static final String TASK = "purchase-intent";
    /** org.eclipse.ui.internal.Workbench.EARLY_STARTUP_FAMILY */
    private static final String EARLY_STARTUP_FAMILY = "earlyStartup";

    private Projects() {
    }

    public static IProject create(String name) throws CoreException {
        waitForStartup();
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (p.exists()) {
            p.delete(true, true, null);
        }
        return new NewWalleProject(name, null, TASK).create(null);
    }

    /**
     * The workbench's early start-up (which runs SampleProjectStartup) and the sample project job must not race the
     * tests' own projects. Waits dispatching UI events: another bundle's start-up may need the UI thread.
     */
    public static void waitForStartup() {
        UiWait.until("the early start-up and the sample project job",
                () -> Job.getJobManager().find(EARLY_STARTUP_FAMILY).length == 0
                        && Job.getJobManager().find(SampleProjectStartup.FAMILY).length == 0, 300_000);
    }

    public static List<IMarker> problems(IResource r) throws CoreException {
        return r.exists() ? List.of(r.findMarkers(WalleProjects.PROBLEM_MARKER, false, IResource.DEPTH_ZERO))
                : List.of();
    }

    public static List<String> describe(IResource r) throws CoreException {
        List<String> out = new ArrayList<>();
        for (IMarker m : problems(r)) {
            out.add(m.getAttribute(IMarker.LINE_NUMBER, -1) + ": " + m.getAttribute(IMarker.MESSAGE, ""));
        }
        return out;
    }
}
