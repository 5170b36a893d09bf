package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.walle.engine.backend.Backend;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.backend.BackendProvider;
import org.walle.engine.backend.Backends;
import org.walle.engine.backend.calibration.Calibrated;
import org.walle.engine.backend.calibration.CalibrationCache;
import org.walle.engine.backend.calibration.Calibrator;
import org.walle.engine.backend.calibration.Calibrations;
import org.walle.engine.decompose.Command;
import org.walle.engine.graph.GraphException;
import org.walle.engine.runtime.SessionOptions;

/**
 * The backends one session uses: every available provider's backend, made once, closed with the session. Before a
 * provider creates its backend its calibration must exist ({@link CalibrationCache#obtain}); a cached one is probed
 * once per process when a session that ran a few times closes ({@link #probeCalibrations}).
 */
public final class SessionBackends implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SessionBackends.class.getName());
    private final List<Backend> backends;
    private final Map<String, String> unavailable;  // grows when a deferred backend fails to start
    private final List<Calibrator> unprobed;
    private int runs;
    /** Runs before a cached calibration is probed (at close). */
    public static final int PROBE_AFTER_RUNS = 3;

    private SessionBackends(List<Backend> backends, Map<String, String> unavailable, List<Calibrator> unprobed) {
        this.backends = backends;
        this.unavailable = unavailable;
        this.unprobed = unprobed;
    }

    public static SessionBackends create(SessionOptions options) {
        List<Backend> made = new ArrayList<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        List<Calibrator> unprobed = new ArrayList<>();
        BackendConfig config = new BackendConfig(options.threads());
        for (BackendProvider p : Backends.providers()) {
            if (!wanted(p, options)) {
                continue; // not even asked whether it is available: finding an OpenCL platform takes a second
            }
            Optional<String> why = p.unavailableReason();
            if (why.isPresent()) {
                unavailable.put(p.name(), why.get());
                continue;
            }
            try {
                checkCalibration(p, unprobed);
                made.add(p.create(config));
            } catch (RuntimeException e) {
                unavailable.put(p.name(), "could not start: " + e);
            }
        }
        String pinned = options.backend();
        if (!Backends.AUTO.equals(pinned) && made.stream().noneMatch(b -> b.name().equals(pinned))) {
            made.forEach(Backend::close);
            String why = unavailable.get(pinned);
            throw new GraphException("backends", "backend '" + pinned + "' " + (why != null
                    ? "is not available here: " + why
                    : "is unknown; known: " + Backends.providers().stream().map(BackendProvider::name).toList()));
        }
        if (made.stream().noneMatch(Backend::hostMemory)) {
            throw new GraphException("backends", "no CPU backend could start: " + unavailable);
        }
        return new SessionBackends(new ArrayList<>(made), unavailable, unprobed);
    }

    /**
     * Makes sure the backend has calibrated speeds before it is created (measuring when there are none); the probe
     * of a cached entry waits for {@link #probeCalibrations}. A calibration that cannot be checked or stored only costs
     * accuracy, never the session.
     */
    private static void checkCalibration(BackendProvider p, List<Calibrator> unprobed) {
        Calibrations.of(p).ifPresent(c -> {
            try {
                CalibrationCache.standard().obtain(c, false);
                unprobed.add(c);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "calibration of " + p.name() + " failed: " + e);
            }
        });
    }

    /** Counts the session's runs: the calibration probe waits until the kernels have run a few times. */
    public void afterRun() {
        runs++;
    }

    /**
     * When the session closes after at least {@link #PROBE_AFTER_RUNS} runs (so the JIT has compiled the kernels the
     * probe times; in a cold process a 256^3 GEMM probe saw 2.6-27 GFLOP/s of a real 75, and took seconds), probes
     * the cached calibrations once per process, re-measuring and storing any the probe finds stale: the next
     * process plans with the new figures, and no measurement of this session is disturbed.
     */
    private void probeCalibrations() {
        if (unprobed.isEmpty() || runs < PROBE_AFTER_RUNS) {
            return;
        }
        for (Calibrator c : List.copyOf(unprobed)) {
            try {
                Calibrated got = CalibrationCache.standard().obtain(c);
                if (got.change() == Calibrated.Change.RECALIBRATED) {
                    LOG.log(System.Logger.Level.INFO, "re-calibrated " + c.key() + ": " + got.why());
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "calibration check of " + c.key() + " failed: " + e);
            }
        }
        unprobed.clear();
    }

    /**
     * Searches, and when a backend that opens its device only once it is chosen (OpenCL with a cached calibration)
     * cannot start, searches again without it; the reason is reported as that backend being unavailable.
     */
    public synchronized BackendSearch.Outcome search(SessionOptions options, List<Command> commands) {
        while (true) {
            try {
                return search(options).search(commands);
            } catch (BackendSearch.StartFailure f) {
                backends.remove(f.backend());
                unavailable.put(f.backend().name(), "could not start: " + f.getCause());
                try {
                    f.backend().close();
                } catch (RuntimeException e) {
                    // it never started; nothing more to release
                }
                if (!Backends.AUTO.equals(options.backend())) {
                    throw new GraphException("backends", "backend '" + f.backend().name() + "' could not start: "
                            + f.getCause());
                }
            }
        }
    }

    /**
     * Auto and node pins consider every backend; a graph pin needs only the pinned one plus the CPU backends it
     * falls back to, so pinning "cpu-ref" never opens an OpenCL context.
     */
    private static boolean wanted(BackendProvider p, SessionOptions options) {
        return Backends.AUTO.equals(options.backend()) || options.nodeBackends().containsValue(p.name())
                || p.name().equals(options.backend()) || p.hostMemory();
    }

    public BackendSearch search(SessionOptions options) {
        return new BackendSearch(backends, unavailable, options);
    }

    public List<Backend> all() {
        return List.copyOf(backends);
    }

    public Backend find(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
    }

    @Override
    public void close() {
        probeCalibrations();
        for (Backend b : backends) {
            try {
                b.close();
            } catch (RuntimeException e) {
                // closing the others matters more than reporting one failed release
            }
        }
    }
}
