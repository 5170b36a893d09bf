package org.walle.pyvm.ui.launch;

import org.eclipse.core.expressions.PropertyTester;
import org.eclipse.core.resources.IResource;

/** {@code org.walle.pyvm.ui.isTaskResource}: a task folder, its task.json or a Python script in it (Run As menu). */
public final class TaskResourceTester extends PropertyTester {
    @Override
    public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
        if (!(receiver instanceof IResource r)) {
            return false;
        }
        if (r.getType() == IResource.FILE && !r.getName().equals("task.json") && !r.getName().endsWith(".py")) {
            return false;
        }
        return TaskTab.taskFolderOf(r) != null;
    }
}
