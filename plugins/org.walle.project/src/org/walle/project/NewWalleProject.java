package org.walle.project;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URI;
import java.util.Map;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.walle.device.DeviceProfile;
import org.walle.device.DeviceProfiles;
import org.walle.project.sample.SampleTask;

/**
 * Creates a Walle project: the project with the Walle nature (and so the task builder), the sample task folder
 * {@code tasks/<taskId>} and {@code walle.project} describing it. Headless: the New Project wizard runs it in a
 * WorkspaceModifyOperation, the studio's first start in a workspace job.
 *
 * @param name     project name
 * @param location where the project's folder goes; null for the workspace folder
 * @param taskId   id of the sample task
 */
public record NewWalleProject(String name, URI location, String taskId) {
    public static final String TASKS_FOLDER = "tasks";

    /** Runs every check the wizard runs, then creates the project; a broken spec throws before anything is made. */
    public IProject create(IProgressMonitor monitor) throws CoreException {
        IWorkspace ws = ResourcesPlugin.getWorkspace();
        String problem = NewProjectRules.checkName(ws, name);
        if (problem == null) {
            problem = NewProjectRules.checkTaskId(taskId);
        }
        if (problem == null) {
            problem = NewProjectRules.checkLocation(ws, name,
                    location == null ? null : IPath.fromOSString(new File(location).getPath()));
        }
        if (problem != null) {
            throw new CoreException(Status.error(problem));
        }
        SubMonitor sub = SubMonitor.convert(monitor, Messages.bind(Messages.createTaskName, name), 5);
        IProject project = ws.getRoot().getProject(name);
        File folder = location != null ? new File(location) : ws.getRoot().getLocation().append(name).toFile();
        boolean folderExisted = folder.exists();
        IProjectDescription desc = ws.newProjectDescription(name);
        desc.setLocationURI(location);
        desc.setComment(Messages.createComment);
        sub.subTask(Messages.createProject);
        project.create(desc, sub.split(1));
        try {
            fill(project, sub);
        } catch (CoreException | RuntimeException e) {
            // cancelled or failed half-way: leave no half-made project (nor a folder we made) behind
            project.delete(!folderExisted, true, null);
            throw e;
        }
        return project;
    }

    private void fill(IProject project, SubMonitor sub) throws CoreException {
        project.open(sub.split(1));
        // setDescription configures the nature, which installs the builder (create() alone would not)
        IProjectDescription withNature = project.getDescription();
        withNature.setNatureIds(new String[] { WalleProjects.NATURE_ID });
        project.setDescription(withNature, sub.split(1));

        sub.subTask(Messages.createSample);
        String folderPath = TASKS_FOLDER + "/" + taskId;
        IFolder tasks = project.getFolder(TASKS_FOLDER);
        tasks.create(true, true, null);
        IFolder taskFolder = tasks.getFolder(taskId);
        taskFolder.create(true, true, null);
        Map<String, byte[]> files = SampleTask.files(taskId);
        SubMonitor writes = sub.split(1).setWorkRemaining(files.size());
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            taskFolder.getFile(f.getKey()).create(new ByteArrayInputStream(f.getValue()), true, writes.split(1));
        }

        sub.subTask(Messages.createModel);
        WalleProjectModel model = WalleProjectModel.create(name).setDescription(Messages.createDescription);
        SampleTask.addTo(model, taskId, folderPath, files);
        for (DeviceProfile d : DeviceProfiles.builtIn()) { // the emulator's profiles, to run the sample on
            model.addDeviceProfile(new DeviceProfileRef(d.name(), d.os(), d.model(), d.tier(), d.region()));
        }
        model.addServer(new ServerConnection("embedded", "", true));
        WalleProjectFiles.save(WalleProjectFiles.modelFile(project), model, sub.split(1));
    }
}
