package org.walle.project;

import java.util.Locale;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IStatus;

/**
 * What a new Walle project's name, location and first task id must satisfy; the wizard asks on every keystroke.
 * Each check returns null when fine, else the message to show.
 */
public final class NewProjectRules {
    /** The task id rule of task.json (org.walle.pyvm's manifest parser): the model and the package must agree. */
    public static final String TASK_ID = "[a-z0-9][a-z0-9._-]{0,99}";

    private NewProjectRules() {
    }

    public static String checkName(IWorkspace workspace, String name) {
        if (name == null || name.isBlank()) {
            return Messages.ruleNameEmpty;
        }
        if (!name.equals(name.strip())) {
            return Messages.ruleNameSpaces;
        }
        IStatus valid = workspace.validateName(name, IResource.PROJECT);
        if (!valid.isOK()) {
            return valid.getMessage();
        }
        for (IProject p : workspace.getRoot().getProjects()) {
            if (p.getName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Messages.bind(Messages.ruleNameExists, p.getName());
            }
        }
        return null;
    }

    /** {@code location} null means the default (the workspace folder). */
    public static String checkLocation(IWorkspace workspace, String name, IPath location) {
        if (location == null) {
            IPath target = workspace.getRoot().getLocation().append(name);
            return target.toFile().exists() ? Messages.bind(Messages.ruleFolderExists, target.toOSString()) : null;
        }
        if (location.isEmpty() || !location.isAbsolute()) {
            return Messages.ruleLocationAbsolute;
        }
        IStatus valid = workspace.validateProjectLocation(workspace.getRoot().getProject(name), location);
        return valid.isOK() ? null : valid.getMessage();
    }

    public static String checkTaskId(String taskId) {
        if (taskId == null || taskId.isEmpty()) {
            return Messages.ruleTaskIdEmpty;
        }
        return taskId.matches(TASK_ID) ? null : Messages.bind(Messages.ruleTaskIdInvalid, taskId);
    }
}
