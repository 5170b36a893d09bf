package org.walle.project.builder;

import java.util.Map;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.walle.project.WalleProjects;

/** Creates and clears the builder's problem markers (only ours: an editor's or another builder's stay). */
final class ProblemMarkers {
    private ProblemMarkers() {
    }

    static void error(IResource on, int line, String message) throws CoreException {
        int at = Math.max(1, line);
        on.createMarker(WalleProjects.PROBLEM_MARKER, Map.of(IMarker.SEVERITY, IMarker.SEVERITY_ERROR,
                IMarker.LINE_NUMBER, at, IMarker.MESSAGE, message, IMarker.LOCATION, "line " + at));
    }

    static void clear(IResource on, int depth) throws CoreException {
        if (on.exists()) {
            on.deleteMarkers(WalleProjects.PROBLEM_MARKER, true, depth);
        }
    }
}
