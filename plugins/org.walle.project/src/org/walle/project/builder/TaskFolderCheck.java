package org.walle.project.builder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.walle.project.WalleTask;
import org.walle.pyvm.ui.internal.Problem;
import org.walle.pyvm.ui.internal.ScriptCheck;
import org.walle.pyvm.ui.internal.TaskJsonCheck;

/**
 * Checks one task folder with the checks the editors run on save (org.walle.pyvm.ui's ScriptCheck: the task VM's
 * parser and sandbox rules; TaskJsonCheck: the package reader the VM and devices use) and turns every problem into a
 * marker on the file it is about. Scripts are flat modules at the folder root, as in a task package.
 */
final class TaskFolderCheck {
    static final String MANIFEST = "task.json";

    private TaskFolderCheck() {
    }

    /** Replaces the markers of {@code folder}; problems about the task's place go on {@code modelFile}. */
    static void run(WalleTask task, IFolder folder, IFile modelFile) throws CoreException {
        if (!folder.exists()) {
            ProblemMarkers.error(modelFile, 1, "task '" + task.id() + "': folder '" + task.folder()
                    + "' does not exist");
            return;
        }
        ProblemMarkers.clear(folder, IResource.DEPTH_INFINITE);
        for (IResource member : folder.members()) {
            if (member instanceof IFile file && "py".equals(file.getFileExtension())) {
                for (Problem p : ScriptCheck.check(file.getName(), text(file))) {
                    ProblemMarkers.error(file, p.line(), p.message());
                }
            }
        }
        IFile manifest = folder.getFile(MANIFEST);
        IPath location = folder.getLocation();
        if (!manifest.exists()) {
            ProblemMarkers.error(folder, 1, "task '" + task.id() + "' has no " + MANIFEST + " in " + task.folder());
        } else if (location == null) {
            ProblemMarkers.error(manifest, 1, "the task folder is not on the local file system: cannot check it");
        } else {
            Path dir = location.toFile().toPath();
            for (Problem p : TaskJsonCheck.check(dir, text(manifest))) {
                ProblemMarkers.error(manifest, p.line(), p.message());
            }
        }
    }

    private static String text(IFile file) throws CoreException {
        try (InputStream in = file.getContents(true)) {
            return new String(in.readAllBytes(), Charset.forName(file.getCharset()));
        } catch (IOException e) {
            throw new CoreException(org.eclipse.core.runtime.Status.error("cannot read " + file.getFullPath(), e));
        }
    }
}
