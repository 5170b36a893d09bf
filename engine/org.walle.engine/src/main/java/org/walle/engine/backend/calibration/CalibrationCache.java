package org.walle.engine.backend.calibration;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.walle.engine.WalleHome;
import org.walle.engine.backend.calibration.Calibrated.Change;
import org.walle.engine.backend.calibration.internal.FlatJson;

/**
 * Backend calibrations cached per machine in one readable JSON file ({@code calibration.json} in
 * {@link WalleHome}, or the system property {@code walle.calibration.file}): one entry per {@link Calibrator#key()}
 * with its figures, facts, and when, under what load, on how many cores and as the best of how many passes it was
 * measured.
 *
 * <p>{@link #obtain} is what backends call at first use (sessions: the probe after their first run): without a
 * usable entry it measures; with one it runs the calibrator's short probe once per process and measures again when
 * the probe is {@link #MUCH_FASTER} than the entry (a calibration taken on a busy machine), when the entry was taken
 * under a load the machine no longer has, or when the calibrated device changed. A re-calibration keeps the best of
 * old and new figures, since noise only ever slows a micro-run down. A file that is not valid JSON is moved aside to
 * {@code calibration.json.corrupt} (nothing is lost), {@link #problem()} says so, and the backend is measured again;
 * nothing here throws for a bad or unwritable file.
 */
public final class CalibrationCache {
    /** How much faster than its entry the probe must run before the backend is measured again. */
    public static final double MUCH_FASTER = 1.25;
    static final String MEASURED_AT = "measuredAt";
    static final String LOAD = "loadAverage";
    static final String CORES = "cores";
    static final String REPEATS = "repeats";

    private static final System.Logger LOG = System.getLogger(CalibrationCache.class.getName());
    /** Entries already obtained (and probed) in this process, by file and key. */
    private static final Map<String, Calibrated> OBTAINED = new ConcurrentHashMap<>();
    private static final Object FILE_LOCK = new Object();

    private final Path file;
    private volatile String problem;

    public CalibrationCache(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** The cache every backend uses unless told otherwise. */
    public static CalibrationCache standard() {
        return new CalibrationCache(defaultFile());
    }

    public static Path defaultFile() {
        String override = System.getProperty("walle.calibration.file");
        return override != null && !override.isBlank() ? Path.of(override)
                : WalleHome.resolve("calibration.json");
    }

    /** {@code "<cpu model>|<cores> cores"}: what most keys start from. */
    public static String machineKey() {
        return Machine.cpuModel() + "|" + Runtime.getRuntime().availableProcessors() + " cores";
    }

    /** The one-minute load average now, or -1 where the OS does not give one. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public Path file() {
        return file;
    }

    /** What was wrong with the file or an entry the last time it was read or written, if anything. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The usable entry of {@code c}, or empty; never measures and never throws for a bad file. */
    public Optional<Calibrated> cached(Calibrator c) {
        Map<String, Object> fields = readAll().get(c.key());
        return fields == null ? Optional.empty() : Optional.ofNullable(decode(c, fields));
    }

    /**
     * This process's calibration of {@code c}: the cached entry, checked once per process with the probe, or a
     * fresh measurement (stored) when there is no usable entry or the check finds it out of date.
     */
    public Calibrated obtain(Calibrator c) {
        return obtain(c, true);
    }

    /**
     * As {@link #obtain(Calibrator)}, but with {@code probe} false a usable cached entry is returned without its
     * probe (and without counting as checked), so the probe can run later, when the JIT has compiled the kernels it
     * times (a cold GEMM probe on a busy machine took seconds and saw a fraction of the real speed).
     */
    public Calibrated obtain(Calibrator c, boolean probe) {
        String memo = file + "|" + c.key();
        Calibrated done = OBTAINED.get(memo);
        if (done != null) {
            return done.change() == Change.CACHED ? done : done.as(Change.CACHED, Map.of(), done.why());
        }
        synchronized (OBTAINED) {
            done = OBTAINED.get(memo);
            if (done != null) {
                return done;
            }
            Optional<Calibrated> entry = cached(c);
            done = entry.isEmpty() ? measure(c, null, problem != null ? problem : "no cached entry")
                    : check(c, entry.get(), probe);
            if (done != null) {
                OBTAINED.put(memo, done);
                return done;
            }
            return entry.get();
        }
    }

    /**
     * Measures {@code c} now and stores it. With {@code keepBest} each figure is the better of the new measurement
     * and the cached one; without, the cached entry is replaced (a user forcing a fresh calibration).
     */
    public Calibrated recalibrate(Calibrator c, boolean keepBest, String why) {
        Calibrated old = cached(c).orElse(null);
        Calibrated fresh = measure(c, keepBest ? old : null, why);
        if (!keepBest && old != null) {
            fresh = fresh.as(Change.RECALIBRATED, old.figures(), why);
        }
        OBTAINED.put(file + "|" + c.key(), fresh);
        return fresh;
    }

    /** Forgets what this process obtained (tests, and a user re-calibrating from the command line). */
    public static void forgetObtained() {
        OBTAINED.clear();
    }

    /** The entry checked; null when only the probe is left and {@code probe} is false. */
    private Calibrated check(Calibrator c, Calibrated entry, boolean probe) {
        Map<String, String> facts = c.facts();
        if (!facts.isEmpty() && !facts.equals(entry.facts())) {
            return measure(c, null, "the calibrated " + entry.facts() + " is now " + facts);
        }
        double cores = Runtime.getRuntime().availableProcessors();
        double now = loadAverage();
        if (entry.loadAverage() >= cores && now >= 0 && now < entry.loadAverage() / 2) {
            return measure(c, entry, String.format(Locale.ROOT, "measured at load %.1f on %d cores, the load is"
                    + " now %.1f", entry.loadAverage(), entry.cores(), now));
        }
        if (!probe) {
            return null;
        }
        String figure = c.probeFigure();
        double cachedValue = entry.figure(figure);
        double probed;
        try {
            probed = c.probe();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "calibration probe of " + c.key() + " failed: " + e);
            return entry.as(Change.CONFIRMED, Map.of(), "probe failed (" + e + "), cached figures kept");
        }
        double faster = c.lowerIsFaster(figure) ? cachedValue / probed : probed / cachedValue;
        String seen = String.format(Locale.ROOT, "probe %s = %.4g, cached %.4g (%.2fx)", figure, probed, cachedValue,
                faster);
        if (faster >= MUCH_FASTER) {
            return measure(c, entry, seen);
        }
        return entry.as(Change.CONFIRMED, Map.of(), seen);
    }

    /** Best of {@code c.repeats()} passes (and of {@code keep}'s figures when given), stored. */
    private Calibrated measure(Calibrator c, Calibrated keep, String why) {
        double load = loadAverage();
        Map<String, Double> best = new LinkedHashMap<>();
        int repeats = Math.max(1, c.repeats());
        for (int r = 0; r < repeats; r++) {
            c.measure().forEach((name, v) -> best.merge(name, v, (a, b) -> better(c, name, a, b)));
        }
        for (String name : c.figureNames()) {
            Double v = best.get(name);
            if (v == null || !Double.isFinite(v) || v < 0) {
                throw new IllegalStateException("calibration " + c.key() + " measured no usable " + name + ": " + v);
            }
        }
        if (keep != null) {
            keep.figures().forEach((name, v) -> best.computeIfPresent(name, (n, mine) -> better(c, n, mine, v)));
        }
        Calibrated fresh = new Calibrated(c.key(), best, c.facts(), Instant.now(), load,
                Runtime.getRuntime().availableProcessors(), repeats,
                keep == null ? Change.MEASURED : Change.RECALIBRATED, keep == null ? Map.of() : keep.figures(), why);
        store(fresh);
        return fresh;
    }

    private static double better(Calibrator c, String name, double a, double b) {
        return c.lowerIsFaster(name) ? Math.min(a, b) : Math.max(a, b);
    }

    private Calibrated decode(Calibrator c, Map<String, Object> fields) {
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String name : c.figureNames()) {
            Object v = fields.get(name);
            if (!(v instanceof Double d) || !Double.isFinite(d) || d < 0
                    || (name.equals(c.probeFigure()) && d == 0)) {
                problem = "calibration entry " + c.key() + " in " + file + " has no usable " + name + " (" + v
                        + "); measuring again";
                LOG.log(System.Logger.Level.WARNING, problem);
                return null;
            }
            figures.put(name, d);
        }
        Map<String, String> facts = new LinkedHashMap<>();
        c.factNames().forEach(k -> {
            if (fields.get(k) instanceof String s) {
                facts.put(k, s);
            }
        });
        Instant at;
        try {
            at = fields.get(MEASURED_AT) instanceof String s ? Instant.parse(s) : Instant.EPOCH;
        } catch (RuntimeException e) {
            at = Instant.EPOCH;
        }
        return new Calibrated(c.key(), figures, facts, at, number(fields, LOAD, -1), (int) number(fields, CORES, 0),
                (int) number(fields, REPEATS, 1), Change.CACHED, Map.of(), null);
    }

    private static double number(Map<String, Object> fields, String name, double otherwise) {
        return fields.get(name) instanceof Double d ? d : otherwise;
    }

    private void store(Calibrated cal) {
        Map<String, Object> fields = new LinkedHashMap<>(cal.figures());
        fields.putAll(cal.facts());
        fields.put(MEASURED_AT, cal.measuredAt().toString());
        fields.put(LOAD, Math.max(-1, Math.round(cal.loadAverage() * 100) / 100.0));
        fields.put(CORES, cal.cores());
        fields.put(REPEATS, cal.repeats());
        synchronized (FILE_LOCK) {
            if (problem != null && problem.contains("could not be moved")) {
                return; // never overwrite a corrupt file that is still in place: its text would be lost
            }
            Map<String, Map<String, Object>> all = readAll();
            all.put(cal.key(), fields);
            try {
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                Files.writeString(tmp, FlatJson.write(all));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                problem = "calibration not cached in " + file + " (" + e + "); this process keeps the measured figures";
                LOG.log(System.Logger.Level.WARNING, problem);
            }
        }
    }

    /** Every entry of the file; a file that cannot be parsed is moved aside (never lost) and reads as empty. */
    private Map<String, Map<String, Object>> readAll() {
        synchronized (FILE_LOCK) {
            if (!Files.exists(file)) {
                return new LinkedHashMap<>();
            }
            String why;
            try {
                return FlatJson.parse(Files.readString(file));
            } catch (IllegalArgumentException e) {
                why = "is not a calibration file (" + e.getMessage() + ")";
            } catch (IOException | RuntimeException e) {
                why = "cannot be read (" + e + ")";
            }
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                problem = "calibration cache " + file + " " + why + "; moved to " + aside + ", measuring again";
            } catch (IOException | RuntimeException e) {
                problem = "calibration cache " + file + " " + why + " and could not be moved aside (" + e
                        + "); measuring without caching";
            }
            LOG.log(System.Logger.Level.WARNING, problem);
            return new LinkedHashMap<>();
        }
    }
}
