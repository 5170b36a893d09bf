package org.walle.studio;

import java.net.URL;

import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.ide.IDE;
import org.osgi.framework.Bundle;

/**
 * What the IDE's own workbench advisor does for the workspace and that an RCP studio has to do itself: adapters
 * and images for resources (Project Explorer labels and project icons) and saving the workspace on shutdown, so
 * projects, markers and build state survive a restart.
 */
final class WorkspaceSupport {
    private static final String IDE_BUNDLE = "org.eclipse.ui.ide";

    private WorkspaceSupport() {
    }

    static void initialize(IWorkbenchConfigurer configurer) {
        IDE.registerAdapters();
        declare(configurer, IDE.SharedImages.IMG_OBJ_PROJECT, "icons/full/obj16/prj_obj.png");
        declare(configurer, IDE.SharedImages.IMG_OBJ_PROJECT_CLOSED, "icons/full/obj16/cprj_obj.png");
    }

    private static void declare(IWorkbenchConfigurer configurer, String key, String path) {
        Bundle ide = Platform.getBundle(IDE_BUNDLE);
        URL url = ide == null ? null : ide.getEntry(path);
        if (url != null) {
            configurer.declareImage(key, ImageDescriptor.createFromURL(url), true);
        }
    }

    /** Cancels a running auto-build (it re-runs on the next start) and saves the whole workspace. */
    static void save() {
        Job.getJobManager().cancel(ResourcesPlugin.FAMILY_AUTO_BUILD);
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        try {
            IStatus status = workspace.save(true, null);
            if (!status.isOK()) {
                Platform.getLog(WorkspaceSupport.class).log(status);
            }
        } catch (CoreException e) {
            Platform.getLog(WorkspaceSupport.class).error("cannot save the workspace", e);
        }
    }
}
