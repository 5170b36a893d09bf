package org.walle.pyvm.ui;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/** File > Open Task...: picks a task folder and opens its entry script (and makes it the Task Run view's task). */
public final class OpenTaskHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        DirectoryDialog dialog = new DirectoryDialog(window.getShell());
        dialog.setMessage(Messages.OpenTask_title);
        String chosen = dialog.open();
        if (chosen == null) {
            return null;
        }
        Path dir = Path.of(chosen);
        if (!TaskEditors.isTaskFolder(dir)) {
            MessageDialog.openError(window.getShell(), Messages.OpenTask_title, NLS.bind(Messages.OpenTask_noTask, dir));
            return null;
        }
        TaskEditors.open(window.getActivePage(), TaskEditors.entryScript(dir), 0);
        return null;
    }
}
