package org.walle.pyvm.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Platform;

/**
 * Problem markers of the editors' save-time checks on workspace files. The project builder of
 * {@code org.walle.project} runs the same checks: when it defines its marker type the editors use that type too,
 * and in a project with its nature the editors leave the markers to it, so a problem is never listed twice.
 */
public final class ProblemMarkers {
    /** Written as {@link IMarker#SOURCE_ID} so only the editors' own markers are replaced. */
    public static final String SOURCE_ID = "org.walle.pyvm.ui";
    static final String PROJECT_NATURE = "org.walle.project.nature";
    static final String PROJECT_MARKER = "org.walle.project.problem";

    private ProblemMarkers() {
    }

    /** {@code org.walle.project.problem} when that bundle defines it, else {@link IMarker#PROBLEM}. */
    public static String markerType() {
        boolean defined = Platform.getExtensionRegistry().getExtension(ResourcesPlugin.PI_RESOURCES,
                ResourcesPlugin.PT_MARKERS, PROJECT_MARKER) != null;
        return defined ? PROJECT_MARKER : IMarker.PROBLEM;
    }

    /** True when the file's project has the Walle nature, whose builder creates the markers. */
    public static boolean leftToBuilder(IFile file) {
        IProject project = file.getProject();
        try {
            return project.isOpen() && project.hasNature(PROJECT_NATURE);
        } catch (CoreException e) {
            return false;
        }
    }

    /** Replaces the editors' markers on {@code file} by one error marker per problem, in one resource delta. */
    public static void replace(IFile file, List<Problem> problems, IProgressMonitor monitor) throws CoreException {
        if (!file.exists()) {
            return; // deleted while the check ran
        }
        String type = markerType();
        // markers need no scheduling rule; AVOID_UPDATE sends one delta for all of them
        file.getWorkspace().run(m -> {
            for (IMarker old : ours(file, type)) {
                old.delete();
            }
            for (Problem p : problems) {
                file.createMarker(type, Map.of(IMarker.SEVERITY, IMarker.SEVERITY_ERROR, IMarker.LINE_NUMBER,
                        p.line(), IMarker.MESSAGE, p.message(), IMarker.SOURCE_ID, SOURCE_ID));
            }
        }, null, IWorkspace.AVOID_UPDATE, monitor);
    }

    /** The editors' markers on {@code file}, in line order. */
    public static List<IMarker> ours(IFile file) throws CoreException {
        return ours(file, markerType());
    }

    private static List<IMarker> ours(IFile file, String type) throws CoreException {
        List<IMarker> out = new ArrayList<>();
        if (!file.exists()) {
            return out;
        }
        for (IMarker m : file.findMarkers(type, false, IResource.DEPTH_ZERO)) {
            if (SOURCE_ID.equals(m.getAttribute(IMarker.SOURCE_ID, null))) {
                out.add(m);
            }
        }
        out.sort((a, b) -> Integer.compare(a.getAttribute(IMarker.LINE_NUMBER, 0),
                b.getAttribute(IMarker.LINE_NUMBER, 0)));
        return out;
    }
}
