package org.walle.pyvm.ui;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.walle.pyvm.TaskPackage;

/** Opens task files in the right editor: task.json in the task.json editor, anything else as a Python script. */
public final class TaskEditors {
    private TaskEditors() {
    }

    public static String editorIdFor(Path file) {
        return file.getFileName().toString().equals("task.json") ? TaskJsonEditor.ID : PythonEditor.ID;
    }

    /** Opens (or activates) the editor on {@code file}; {@code line > 0} reveals that line. Errors get a dialog. */
    public static TaskTextEditor open(IWorkbenchPage page, Path file, int line) {
        try {
            IEditorPart part = page.openEditor(new LocalFileInput(file), editorIdFor(file), true);
            if (part instanceof TaskTextEditor editor) {
                if (line > 0) {
                    editor.gotoLine(line);
                }
                return editor;
            }
            return null;
        } catch (PartInitException e) {
            ErrorDialog.openError(page.getWorkbenchWindow().getShell(), Messages.OpenFile_title,
                    NLS.bind(Messages.Open_failed, file), e.getStatus());
            return null;
        }
    }

    /** The entry script of a task folder: task.json's "entry" when the package is valid, else main.py. */
    public static Path entryScript(Path taskDir) {
        try {
            return taskDir.resolve(TaskPackage.open(taskDir).manifest().entry());
        } catch (RuntimeException invalid) {
            return taskDir.resolve("main.py"); // the user opens the task to fix it
        }
    }

    /** True when {@code dir} looks like a task folder. */
    public static boolean isTaskFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("task.json")) || Files.isRegularFile(dir.resolve("main.py"));
    }
}
