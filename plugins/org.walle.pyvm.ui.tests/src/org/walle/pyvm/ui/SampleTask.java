package org.walle.pyvm.ui;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The sample task of this test bundle (sample-task/): copied to a folder on disk or into a workspace project. */
final class SampleTask {
    static final String[] FILES = { "task.json", "main.py" };

    private SampleTask() {
    }

    static Path copyTo(Path dir) throws IOException {
        Path task = Files.createDirectories(dir.resolve("cart-watcher"));
        for (String name : FILES) {
            try (InputStream in = open(name)) {
                Files.copy(in, task.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return task;
    }

    /** Creates project {@code name} holding the sample as folder {@code cart-watcher}, through the workspace API. */
    static IFolder createProject(String name) throws CoreException, IOException {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (project.exists()) {
            project.delete(true, true, new NullProgressMonitor());
        }
        project.create(new NullProgressMonitor());
        project.open(new NullProgressMonitor());
        IFolder folder = project.getFolder("cart-watcher");
        folder.create(true, true, new NullProgressMonitor());
        for (String file : FILES) {
            try (InputStream in = open(file)) {
                folder.getFile(file).create(in, true, new NullProgressMonitor());
            }
        }
        return folder;
    }

    static void deleteProject(String name) throws CoreException {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (project.exists()) {
            project.delete(true, true, new NullProgressMonitor());
        }
    }

    /** Replaces a workspace file's content (as an editor save would, but without one). */
    static void write(IFile file, String text) throws CoreException {
        file.setContents(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                IResource.FORCE, new NullProgressMonitor());
    }

    private static InputStream open(String name) throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(SampleTask.class);
        // the class loads through the host; findEntries also searches its fragments (this test bundle)
        java.util.Enumeration<URL> found = bundle.findEntries("sample-task", name, false);
        URL url = found == null || !found.hasMoreElements() ? null : found.nextElement();
        if (url == null) {
            throw new IOException("sample-task/" + name + " is missing from " + bundle.getSymbolicName());
        }
        return url.openStream();
    }
}
