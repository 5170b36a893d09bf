package org.walle.pyvm.ui;

import java.nio.file.Path;
import java.util.List;

import org.walle.pyvm.ui.internal.Problem;
import org.walle.pyvm.ui.internal.TaskJsonCheck;

/** Edits a task's task.json; every save validates the whole task folder as the VM and the device would. */
public final class TaskJsonEditor extends TaskTextEditor {
    public static final String ID = "org.walle.pyvm.ui.taskJsonEditor";

    public TaskJsonEditor() {
        setSourceViewerConfiguration(new PythonViewerConfiguration(false));
    }

    @Override
    protected List<Problem> check(Path file, String text) {
        return TaskJsonCheck.check(file.getParent(), text);
    }
}
