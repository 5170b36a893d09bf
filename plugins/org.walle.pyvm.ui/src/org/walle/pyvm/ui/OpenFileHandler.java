package org.walle.pyvm.ui;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/** File > Open File...: a Python script or a task.json from disk (the studio has no workspace projects). */
public final class OpenFileHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        FileDialog dialog = new FileDialog(window.getShell(), SWT.OPEN);
        dialog.setText(Messages.OpenFile_title);
        dialog.setFilterExtensions(new String[] { "*.py;task.json", "*.*" });
        String chosen = dialog.open();
        if (chosen != null) {
            TaskEditors.open(window.getActivePage(), Path.of(chosen), 0);
        }
        return null;
    }
}
