package org.walle.pyvm.ui.launch;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;

/**
 * Run As > Walle Task on a task folder, its task.json or a script: reuses the configuration of that folder (the
 * first one found) or creates one with the defaults, then launches it.
 */
public final class TaskLaunchShortcut implements ILaunchShortcut {

    @Override
    public void launch(ISelection selection, String mode) {
        if (selection instanceof IStructuredSelection s) {
            launch(Adapters.adapt(s.getFirstElement(), IResource.class), mode);
        }
    }

    @Override
    public void launch(IEditorPart editor, String mode) {
        launch(Adapters.adapt(editor.getEditorInput(), IResource.class), mode);
    }

    private void launch(IResource resource, String mode) {
        String folder = resource == null ? null : TaskTab.taskFolderOf(resource);
        if (folder == null) {
            MessageDialog.openError(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
                    Messages.Shortcut_title, Messages.Shortcut_noTask);
            return;
        }
        try {
            DebugUITools.launch(configurationFor(folder), mode);
        } catch (CoreException e) {
            ErrorDialog.openError(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
                    Messages.Shortcut_title, null, e.getStatus());
        }
    }

    /** The saved configuration of {@code taskFolder} (a workspace path), created with the defaults if none. */
    public static ILaunchConfiguration configurationFor(String taskFolder) throws CoreException {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(TaskLaunch.TYPE_ID);
        for (ILaunchConfiguration c : manager.getLaunchConfigurations(type)) {
            if (taskFolder.equals(c.getAttribute(TaskLaunch.ATTR_TASK_FOLDER, ""))) {
                return c;
            }
        }
        String name = manager.generateLaunchConfigurationName(taskFolder.substring(taskFolder.lastIndexOf('/') + 1));
        ILaunchConfigurationWorkingCopy wc = type.newInstance(null, name);
        TaskLaunchSettings.setDefaults(wc, taskFolder);
        return wc.doSave();
    }
}
