package org.walle.deploy.ui.internal.release;

import java.util.List;

/**
 * One poll of a task's coverage on the server ({@code GET /api/v1/tasks/<id>/coverage}): the devices holding the
 * task and, per release that reached any device, how many are assigned it, report running it, and failed to
 * install it.
 */
public record CoverageSample(long atMillis, long devices, List<Version> versions) {

    /** One release of the task; {@code label} is its version, with the release id when two share a version. */
    public record Version(long releaseId, String label, long assigned, long installed, long installFailed) {
    }
}
