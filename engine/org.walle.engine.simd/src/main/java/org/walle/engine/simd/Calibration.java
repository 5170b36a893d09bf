package org.walle.engine.simd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.walle.engine.backend.calibration.CalibrationCache;
import org.walle.engine.backend.calibration.internal.FlatJson;

/**
 * Short micro-runs that give the cost model its speeds: SGEMM GFLOP/s on 1 thread and on all cores, and streaming
 * bandwidth (a vector triad over arrays larger than the caches). Results are cached in {@code calibration.json}
 * in {@link org.walle.engine.WalleHome} (or the file {@code walle.calibration.file} names) under a key of CPU model,
 * core count and Java version, so a new JDK or a different machine sharing the home directory calibrates again. A
 * corrupt file is kept aside as {@code calibration.json.corrupt} (never silently overwritten) and the machine is
 * measured again.
 */
public final class Calibration {

    private static final System.Logger LOG = System.getLogger(Calibration.class.getName());
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;

    private Calibration() {
    }

    public static Path defaultFile() {
        return CalibrationCache.defaultFile();
    }

    /** The cached speeds of this machine from the default file, measuring (about a second) on first use. */
    public static MachineSpeed load() {
        return loadOrMeasure(defaultFile());
    }

    public static MachineSpeed loadOrMeasure(Path file) {
        return cached(file).orElseGet(() -> {
            MachineSpeed speed = measure();
            save(file, speed);
            return speed;
        });
    }

    /** This machine's entry of {@code file}, or empty when it has none (or a bad one); never measures. */
    public static Optional<MachineSpeed> cached(Path file) {
        String key = machineKey();
        Map<String, Object> entry = read(file).get(key);
        if (entry != null) {
            try {
                return Optional.of(new MachineSpeed(num(entry, "gemmGflops1"), num(entry, "gemmGflopsAll"),
                        (int) num(entry, "threads"), num(entry, "bandwidthGBps")));
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING,
                        "ignoring bad calibration entry for " + key + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Stores {@code speed} as this machine's entry of {@code file}, keeping other machines' entries. */
    public static void save(Path file, MachineSpeed speed) {
        Map<String, Map<String, Object>> all = read(file);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("gemmGflops1", round(speed.gemmGflops1()));
        fields.put("gemmGflopsAll", round(speed.gemmGflopsAll()));
        fields.put("threads", speed.threads());
        fields.put("bandwidthGBps", round(speed.bandwidthGBps()));
        fields.put("measuredAt", Instant.now().toString());
        all.put(machineKey(), fields);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, FlatJson.write(all));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the calibration cache " + file, e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double num(Map<String, Object> entry, String name) {
        Object v = entry.get(name);
        if (!(v instanceof Double d)) {
            throw new IllegalArgumentException("field " + name + " missing or not a number: " + v);
        }
        return d;
    }

    private static Map<String, Map<String, Object>> read(Path file) {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try {
            return FlatJson.parse(Files.readString(file));
        } catch (IOException | IllegalArgumentException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            LOG.log(System.Logger.Level.WARNING, "calibration cache " + file + " is unreadable (" + e.getMessage()
                    + "); moved to " + aside + " and measuring again");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailure) {
                throw new UncheckedIOException("cannot move the corrupt calibration cache " + file + " aside",
                        moveFailure);
            }
            return new LinkedHashMap<>();
        }
    }

    /** Removes this machine's entry from {@code file} (other machines' entries stay) so the next load measures. */
    public static void forget(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        Map<String, Map<String, Object>> all = read(file);
        if (all.remove(machineKey()) != null) {
            try {
                Files.writeString(file, FlatJson.write(all));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rewrite the calibration cache " + file, e);
            }
        }
    }

    /** {@code "<cpu model>|<cores> cores|java <version>"}. */
    public static String machineKey() {
        return cpuModel() + "|" + Runtime.getRuntime().availableProcessors() + " cores|java "
                + System.getProperty("java.version");
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch") + " " + System.getProperty("os.name");
    }

    /** Runs the micro-benchmarks now (no cache). */
    public static MachineSpeed measure() {
        int threads = Runtime.getRuntime().availableProcessors();
        double g1 = gemmGflops(256, 1);
        double gAll = threads == 1 ? g1 : Math.max(g1, gemmGflops(384, threads));
        return new MachineSpeed(g1, gAll, threads, bandwidthGBps());
    }

    /** An n x n matrix of uniform [0, 1) values: the operands of the GEMM micro-benchmarks. */
    public static float[] randomSquare(Random rnd, int n) {
        float[] m = new float[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = rnd.nextFloat();
        }
        return m;
    }

    /** Best-of-N GFLOP/s of an n-cubed SGEMM after a warm-up that lets C2 compile the micro-kernel. */
    static double gemmGflops(int n, int threads) {
        Random rnd = new Random(1);
        float[] a = randomSquare(rnd, n);
        float[] b = randomSquare(rnd, n);
        float[] c = new float[n * n];
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 40; run++) {
            long t0 = System.nanoTime();
            Gemm.multiply(a, b, c, n, n, n, threads);
            long t = System.nanoTime() - t0;
            if (run >= 20) {
                best = Math.min(best, t);
            }
        }
        return 2.0 * n * n * n / best;
    }

    /** Triad {@code a = b + s * c} over 3 x 32 MB: 12 bytes per element. */
    static double bandwidthGBps() {
        int n = 8 << 20;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        java.util.Arrays.fill(b, 1f);
        java.util.Arrays.fill(c, 2f);
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 6; run++) {
            long t0 = System.nanoTime();
            FloatVector s = FloatVector.broadcast(SP, 0.5f);
            int bound = SP.loopBound(n);
            for (int i = 0; i < bound; i += SP.length()) {
                FloatVector.fromArray(SP, c, i).fma(s, FloatVector.fromArray(SP, b, i)).intoArray(a, i);
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        if (a[n / 2] != 2f) {
            throw new IllegalStateException("bandwidth run computed " + a[n / 2] + " instead of 2");
        }
        return 12.0 * n / best;
    }
}
