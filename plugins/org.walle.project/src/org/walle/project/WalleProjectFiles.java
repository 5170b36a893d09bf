package org.walle.project;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/** Reads and writes a project's {@code walle.project} as a workspace file. */
public final class WalleProjectFiles {
    private WalleProjectFiles() {
    }

    public static IFile modelFile(IProject project) {
        return project.getFile(WalleProjectModel.FILE_NAME);
    }

    /** Loads the file; a broken file throws {@link WalleModelException} naming its workspace path. */
    public static WalleProjectModel load(IFile file) throws WalleModelException, CoreException {
        byte[] bytes;
        try (InputStream in = file.getContents(true)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new CoreException(Status.error("cannot read " + file.getFullPath() + ": " + e.getMessage(), e));
        }
        return WalleProjectModel.read(bytes, file.getFullPath().toString());
    }

    public static WalleProjectModel load(IProject project) throws WalleModelException, CoreException {
        return load(modelFile(project));
    }

    /**
     * Writes the model (keeping the old content in local history). Refuses to replace a file that does not load:
     * the user's broken edit is theirs to fix, not ours to overwrite.
     */
    public static void save(IFile file, WalleProjectModel model, IProgressMonitor monitor) throws CoreException {
        ByteArrayInputStream in = new ByteArrayInputStream(model.toBytes());
        if (file.exists()) {
            try {
                load(file);
            } catch (WalleModelException e) {
                throw new CoreException(new Status(IStatus.ERROR, WalleProjects.PLUGIN_ID, "not saving over "
                        + file.getFullPath() + ": it does not load (" + e.getMessage() + "); fix or delete it first",
                        e));
            }
            file.setContents(in, true, true, monitor);
        } else {
            file.create(in, true, monitor);
        }
    }
}
