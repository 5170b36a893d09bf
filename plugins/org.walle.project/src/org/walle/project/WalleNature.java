package org.walle.project;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.ICommand;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IProjectNature;
import org.eclipse.core.runtime.CoreException;

/** The Walle project nature: adding it installs the task builder, removing it takes the builder out again. */
public final class WalleNature implements IProjectNature {
    private IProject project;

    @Override
    public void configure() throws CoreException {
        IProjectDescription desc = project.getDescription();
        for (ICommand c : desc.getBuildSpec()) {
            if (WalleProjects.BUILDER_ID.equals(c.getBuilderName())) {
                return;
            }
        }
        List<ICommand> spec = new ArrayList<>(List.of(desc.getBuildSpec()));
        ICommand build = desc.newCommand();
        build.setBuilderName(WalleProjects.BUILDER_ID);
        spec.add(build);
        desc.setBuildSpec(spec.toArray(ICommand[]::new));
        project.setDescription(desc, null);
    }

    @Override
    public void deconfigure() throws CoreException {
        IProjectDescription desc = project.getDescription();
        List<ICommand> spec = new ArrayList<>(List.of(desc.getBuildSpec()));
        if (spec.removeIf(c -> WalleProjects.BUILDER_ID.equals(c.getBuilderName()))) {
            desc.setBuildSpec(spec.toArray(ICommand[]::new));
            project.setDescription(desc, null);
        }
        project.deleteMarkers(WalleProjects.PROBLEM_MARKER, true, org.eclipse.core.resources.IResource.DEPTH_INFINITE);
    }

    @Override
    public IProject getProject() {
        return project;
    }

    @Override
    public void setProject(IProject project) {
        this.project = project;
    }
}
