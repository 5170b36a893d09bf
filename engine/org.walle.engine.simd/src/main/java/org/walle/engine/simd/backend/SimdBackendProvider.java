package org.walle.engine.simd.backend;

import java.util.Optional;

import org.walle.engine.backend.Backend;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.backend.BackendProvider;
import org.walle.engine.backend.calibration.Calibrator;

/**
 * The "cpu-simd" plug-in: the Java Vector API kernels of this bundle behind the backend SPI. Registered for
 * {@link java.util.ServiceLoader}; inside OSGi call {@code Backends.register(new SimdBackendProvider())}. This class
 * touches no vector class, so a JVM without {@code jdk.incubator.vector} can still list it as unavailable.
 */
public final class SimdBackendProvider implements BackendProvider {
    public static final String NAME = "cpu-simd";

    @Override
    public String name() {
        return NAME;
    }

    /** Above the reference backend (rank 0): preferred when estimated costs tie. */
    @Override
    public int rank() {
        return 10;
    }

    @Override
    public boolean hostMemory() {
        return true;
    }

    @Override
    public Optional<String> unavailableReason() {
        try {
            Class.forName("jdk.incubator.vector.FloatVector");
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of("the Java Vector API is not loaded: start the JVM with --add-modules "
                    + "jdk.incubator.vector (" + e + ")");
        }
    }

    /** The speeds check sessions run before their first cpu-simd search (none without the Vector API). */
    @Override
    public Optional<Calibrator> calibrator() {
        return unavailableReason().isPresent() ? Optional.empty()
                : Optional.of(new SimdCalibrator(SimdCalibrator.SESSION_PROBE_NANOS));
    }

    @Override
    public Backend create(BackendConfig config) {
        unavailableReason().ifPresent(why -> {
            throw new IllegalStateException("cpu-simd is unavailable: " + why);
        });
        return new SimdBackend(config);
    }
}
