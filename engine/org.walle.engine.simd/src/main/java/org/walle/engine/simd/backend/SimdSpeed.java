package org.walle.engine.simd.backend;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.walle.engine.simd.Calibration;
import org.walle.engine.simd.MachineSpeed;

/**
 * The machine speeds every cpu-simd backend of this process prices its algorithms with: the per-machine cache of
 * {@link Calibration} when it has an entry, else one measurement (well under a second) for the whole process,
 * stored in the cache for the next one. A read-only home directory only costs the store, never the session.
 */
final class SimdSpeed {
    private static final System.Logger LOG = System.getLogger(SimdSpeed.class.getName());
    private static volatile MachineSpeed speed;

    private SimdSpeed() {
    }

    static MachineSpeed get() {
        MachineSpeed s = speed;
        if (s == null) {
            synchronized (SimdSpeed.class) {
                if (speed == null) {
                    speed = loadOrMeasure(Calibration.defaultFile(), Calibration::measure);
                }
                s = speed;
            }
        }
        return s;
    }

    /** The cached entry of {@code file}, else {@code measure} once, stored in {@code file} when it can be. */
    static MachineSpeed loadOrMeasure(Path file, Supplier<MachineSpeed> measure) {
        try {
            var cached = Calibration.cached(file);
            if (cached.isPresent()) {
                return cached.get();
            }
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "calibration cache unreadable, measuring: " + e.getMessage());
        }
        MachineSpeed measured = measure.get();
        try {
            Calibration.save(file, measured);
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "calibration not cached (" + e.getMessage()
                    + "); this process keeps the measured speeds");
        }
        return measured;
    }
}
