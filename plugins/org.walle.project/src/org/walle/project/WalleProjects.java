package org.walle.project;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;

/** Ids of the Walle project nature, builder and problem marker (same strings as plugin.xml), and lookups. */
public final class WalleProjects {
    public static final String PLUGIN_ID = "org.walle.project";
    public static final String NATURE_ID = PLUGIN_ID + ".nature";
    public static final String BUILDER_ID = PLUGIN_ID + ".builder";
    /** Subtype of the platform's problem marker: the Problems view shows it, and we clear only our own. */
    public static final String PROBLEM_MARKER = PLUGIN_ID + ".problem";

    private WalleProjects() {
    }

    public static boolean isWalleProject(IProject project) {
        try {
            return project.isOpen() && project.hasNature(NATURE_ID);
        } catch (CoreException e) {
            return false; // closed or vanished between the two calls
        }
    }

    /** The open Walle projects of the workspace. */
    public static List<IProject> all() {
        List<IProject> out = new ArrayList<>();
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (isWalleProject(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
