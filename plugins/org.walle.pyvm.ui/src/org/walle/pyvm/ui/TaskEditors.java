package org.walle.pyvm.ui;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IPathEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.FileStoreEditorInput;
import org.eclipse.ui.part.FileEditorInput;
import org.walle.pyvm.TaskPackage;

/**
 * Opens task files in the right editor (task.json in the task.json editor, anything else as a Python script): a file
 * inside the workspace as its {@link IFile}, so its problem markers show; any other file from disk.
 */
public final class TaskEditors {
    private TaskEditors() {
    }

    public static String editorIdFor(Path file) {
        return file.getFileName().toString().equals("task.json") ? TaskJsonEditor.ID : PythonEditor.ID;
    }

    /**
     * Opens (or activates) the editor on {@code file}, as a workspace file when the workspace holds it;
     * {@code line > 0} reveals that line. Errors get a dialog.
     */
    public static TaskTextEditor open(IWorkbenchPage page, Path file, int line) {
        IFile resource = workspaceFile(file);
        IEditorInput input = resource != null ? new FileEditorInput(resource)
                : new FileStoreEditorInput(EFS.getLocalFileSystem().getStore(file.toAbsolutePath().toUri()));
        return open(page, input, editorIdFor(file), file.toString(), line);
    }

    /** Opens (or activates) the editor on a workspace file; {@code line > 0} reveals that line. */
    public static TaskTextEditor open(IWorkbenchPage page, IFile file, int line) {
        return open(page, new FileEditorInput(file), editorIdFor(Path.of(file.getName())),
                file.getFullPath().toString(), line);
    }

    private static TaskTextEditor open(IWorkbenchPage page, IEditorInput input, String editorId, String name,
            int line) {
        try {
            IEditorPart part = page.openEditor(input, editorId, true);
            if (part instanceof TaskTextEditor editor) {
                if (line > 0) {
                    editor.gotoLine(line);
                }
                return editor;
            }
            return null;
        } catch (PartInitException e) {
            ErrorDialog.openError(page.getWorkbenchWindow().getShell(), Messages.OpenFile_title,
                    NLS.bind(Messages.Open_failed, name), e.getStatus());
            return null;
        }
    }

    /** The workspace file at {@code file}'s location, or null when no open project holds it. */
    public static IFile workspaceFile(Path file) {
        URI uri = file.toAbsolutePath().normalize().toUri();
        for (IFile f : ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(uri)) {
            if (!f.exists() && f.getProject().isOpen()) {
                try {
                    f.refreshLocal(IResource.DEPTH_ZERO, null); // written on disk since the last refresh
                } catch (CoreException e) {
                    continue;
                }
            }
            if (f.exists()) {
                return f;
            }
        }
        return null;
    }

    /** The file on disk an editor input stands for, or null when it has none (e.g. a file inside a zip). */
    public static Path pathOf(IEditorInput input) {
        if (input instanceof IFileEditorInput f) {
            IPath location = f.getFile().getLocation();
            return location == null ? null : location.toPath();
        }
        if (input instanceof IURIEditorInput u && "file".equals(u.getURI().getScheme())) {
            return Path.of(u.getURI());
        }
        if (input instanceof IPathEditorInput p) {
            return p.getPath().toPath();
        }
        return null;
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
