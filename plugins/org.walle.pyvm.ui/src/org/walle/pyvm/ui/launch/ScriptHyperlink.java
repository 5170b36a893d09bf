package org.walle.pyvm.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IHyperlink;
import org.walle.pyvm.ui.TaskEditors;

/** Opens a task script at a line (a console link). */
public final class ScriptHyperlink implements IHyperlink {
    private final IFile script;
    private final int line;

    ScriptHyperlink(IFile script, int line) {
        this.script = script;
        this.line = line;
    }

    public IFile script() {
        return script;
    }

    public int line() {
        return line;
    }

    @Override
    public void linkActivated() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (window != null && window.getActivePage() != null) {
            TaskEditors.open(window.getActivePage(), script, line);
        }
    }

    @Override
    public void linkEntered() {
    }

    @Override
    public void linkExited() {
    }
}
