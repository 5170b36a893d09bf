package org.walle.project.builder;

import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.walle.project.WalleModelException;
import org.walle.project.WalleProjectFiles;
import org.walle.project.WalleProjectModel;
import org.walle.project.WalleTask;

/**
 * Checks a Walle project's tasks on every build (auto-build runs it on save): walle.project must load, and each
 * task folder's scripts and task.json must pass the task VM's checks. An incremental build re-checks only the tasks
 * whose folders changed, unless walle.project itself changed.
 */
public final class WalleBuilder extends IncrementalProjectBuilder {

    @Override
    protected IProject[] build(int kind, Map<String, String> args, IProgressMonitor monitor) throws CoreException {
        IProject project = getProject();
        IFile modelFile = WalleProjectFiles.modelFile(project);
        IResourceDelta delta = kind == FULL_BUILD || kind == CLEAN_BUILD ? null : getDelta(project);
        boolean all = delta == null || delta.findMember(modelFile.getProjectRelativePath()) != null;
        // a full check starts clean, so tasks taken out of walle.project leave no stale markers behind
        ProblemMarkers.clear(all ? project : modelFile, all ? IResource.DEPTH_INFINITE : IResource.DEPTH_ZERO);
        if (!modelFile.exists()) {
            return null;
        }
        WalleProjectModel model;
        try {
            model = WalleProjectFiles.load(modelFile);
        } catch (WalleModelException e) {
            ProblemMarkers.error(modelFile, e.line(), e.problem());
            return null;
        }
        SubMonitor sub = SubMonitor.convert(monitor, "Checking the tasks of " + project.getName(),
                model.tasks().size());
        for (WalleTask task : model.tasks()) {
            IPath folder = IPath.fromPortableString(task.folder());
            if (all || delta.findMember(folder) != null) {
                sub.subTask(task.id());
                TaskFolderCheck.run(task, project.getFolder(folder), modelFile);
            }
            sub.worked(1);
        }
        return null;
    }

    @Override
    protected void clean(IProgressMonitor monitor) throws CoreException {
        ProblemMarkers.clear(getProject(), IResource.DEPTH_INFINITE);
    }
}
