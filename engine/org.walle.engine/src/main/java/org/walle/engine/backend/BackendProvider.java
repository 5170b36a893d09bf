package org.walle.engine.backend;

import java.util.Optional;

import org.walle.engine.backend.calibration.Calibrator;

/**
 * A backend plug-in, found with {@link java.util.ServiceLoader} (or registered with {@link Backends#register} where
 * ServiceLoader cannot see it, as inside OSGi). Providers are cheap: the backend itself is made by {@link #create}.
 */
public interface BackendProvider {
    /** A short stable name users type: "cpu-ref", "cpu-simd", "opencl". */
    String name();

    /** Higher ranks are tried first when costs tie and listed first in reports. */
    int rank();

    /** Whether its backends compute in host memory (see {@link Backend#hostMemory()}), known before creating one. */
    boolean hostMemory();

    /** Why this backend cannot run on this machine (no OpenCL device, missing module), or empty when it can. */
    Optional<String> unavailableReason();

    Backend create(BackendConfig config);

    /**
     * The micro-runs behind this backend's cost model, when a session should check them before {@link #create}
     * (a short probe once per process, see {@code CalibrationCache.obtain}). Empty for backends without speeds
     * and for those that check their calibration themselves, later (OpenCL, only once its device is opened).
     */
    default Optional<Calibrator> calibrator() {
        return Optional.empty();
    }
}
