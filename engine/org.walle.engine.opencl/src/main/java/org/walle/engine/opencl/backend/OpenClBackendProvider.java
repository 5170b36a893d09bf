package org.walle.engine.opencl.backend;

import java.util.Optional;
import org.walle.engine.backend.Backend;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.backend.BackendProvider;
import org.walle.engine.opencl.OpenCl;

/**
 * Offers the "opencl" backend through ServiceLoader (META-INF/services) or {@code Backends.register} in OSGi. Asking
 * whether it is available never throws: a missing ICD loader, no platform, no device or LWJGL natives that do not
 * load all become the reason.
 */
public final class OpenClBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return OpenClBackend.NAME;
    }

    @Override
    public int rank() {
        return 5;
    }

    @Override
    public boolean hostMemory() {
        return false;
    }

    /**
     * A cached calibration for this machine means OpenCL worked here: trusted without loading the library (finding
     * the PoCL platform alone takes hundreds of milliseconds). Should the device have gone since, the backend fails
     * to open when it is first needed and an {@code auto} session searches again without it.
     */
    @Override
    public Optional<String> unavailableReason() {
        if (OpenClBackend.cachedCalibration().isPresent()) {
            return Optional.empty();
        }
        try {
            return OpenCl.isAvailable() ? Optional.empty() : Optional.of(OpenCl.unavailableReason());
        } catch (LinkageError | RuntimeException e) {
            return Optional.of("OpenCL cannot be loaded (LWJGL): " + e);
        }
    }

    /** Threads do not apply: the device schedules its own work. Opens the device only when first needed. */
    @Override
    public Backend create(BackendConfig config) {
        return OpenClBackend.deferred();
    }
}
