package org.walle.project.ui;

import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.IStartup;
import org.walle.project.NewProjectRules;
import org.walle.project.NewWalleProject;
import org.walle.project.WalleProjects;

/**
 * On a start with a workspace that holds no Walle project, creates the sample project (the wizard's operation) so
 * the studio opens with something to run. {@code -Dwalle.studio.sampleProject=false} turns it off.
 */
public final class SampleProjectStartup implements IStartup {
    // a failure is an ERROR result, which the job manager logs with its cause
    public static final String SAMPLE_NAME = "walle-sample";
    /** Job family, so shutdown and tests can wait for it. */
    public static final Object FAMILY = SampleProjectStartup.class;

    @Override
    public void earlyStartup() {
        if (!Boolean.parseBoolean(System.getProperty("walle.studio.sampleProject", "true"))
                || !WalleProjects.all().isEmpty()) {
            return;
        }
        WorkspaceJob job = new WorkspaceJob(Messages.sampleJob) {
            @Override
            public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
                if (WalleProjects.all().isEmpty()) { // again, now that we hold the workspace
                    new NewWalleProject(freeName(), null, Messages.defaultTaskId).create(monitor);
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        IWorkspaceRoot root = ResourcesPlugin.getWorkspace().getRoot();
        job.setRule(root);
        job.schedule();
    }

    /** walle-sample, or walle-sample-2, -3... when a project or a folder already has the name. */
    static String freeName() {
        String name = SAMPLE_NAME;
        for (int i = 2; NewProjectRules.checkName(ResourcesPlugin.getWorkspace(), name) != null
                || NewProjectRules.checkLocation(ResourcesPlugin.getWorkspace(), name, null) != null; i++) {
            name = SAMPLE_NAME + "-" + i;
        }
        return name;
    }
}
