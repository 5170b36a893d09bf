package org.walle.engine.backend.calibration;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.walle.engine.backend.BackendProvider;

/**
 * Which calibrator checks a backend's speeds before a session creates it: the provider's own
 * ({@link BackendProvider#calibrator()}), else one registered here for a provider that does not offer one itself.
 */
public final class Calibrations {
    private static final Map<String, Calibrator> REGISTERED = new ConcurrentHashMap<>();

    private Calibrations() {
    }

    public static void register(String backend, Calibrator calibrator) {
        REGISTERED.put(backend, calibrator);
    }

    public static void unregister(String backend) {
        REGISTERED.remove(backend);
    }

    public static Optional<Calibrator> of(BackendProvider provider) {
        Optional<Calibrator> own = provider.calibrator();
        return own.isPresent() ? own : Optional.ofNullable(REGISTERED.get(provider.name()));
    }
}
