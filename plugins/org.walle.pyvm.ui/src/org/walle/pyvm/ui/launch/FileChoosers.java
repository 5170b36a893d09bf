package org.walle.pyvm.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.dialogs.ElementTreeSelectionDialog;
import org.eclipse.ui.model.BaseWorkbenchContentProvider;
import org.eclipse.ui.model.WorkbenchLabelProvider;

/** The two ways the tabs pick a file: from the workspace (a workspace path) or from disk (an absolute path). */
final class FileChoosers {
    private FileChoosers() {
    }

    /** A workspace file's full path, or null when cancelled. */
    static String workspaceFile(Shell shell, String title) {
        ElementTreeSelectionDialog dialog = new ElementTreeSelectionDialog(shell, new WorkbenchLabelProvider(),
                new BaseWorkbenchContentProvider());
        dialog.setTitle(title);
        dialog.setInput(ResourcesPlugin.getWorkspace().getRoot());
        dialog.setAllowMultiple(false);
        if (dialog.open() == Window.OK && dialog.getFirstResult() instanceof IFile f) {
            return f.getFullPath().toString();
        }
        return null;
    }

    /** A file on disk, or null when cancelled. */
    static String diskFile(Shell shell, String extension) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setFilterExtensions(new String[] { "*." + extension, "*.*" });
        return dialog.open();
    }
}
