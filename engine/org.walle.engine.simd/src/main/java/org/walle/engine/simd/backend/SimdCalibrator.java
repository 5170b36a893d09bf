package org.walle.engine.simd.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.walle.engine.backend.calibration.Calibrator;
import org.walle.engine.simd.Calibration;
import org.walle.engine.simd.Gemm;
import org.walle.engine.simd.MachineSpeed;

/**
 * The cpu-simd speeds behind the engine's calibration cache: the entry the cpu-simd backend itself reads (same key
 * and figure names as {@link Calibration}), measured as the best of several passes of {@link Calibration#measure}
 * and checked once per process, after a session's first run, with a short single-thread GEMM. Offered by
 * {@link SimdBackendProvider#calibrator()}, so command-line and studio sessions alike re-validate it.
 */
public final class SimdCalibrator implements Calibrator {
    public static final String BACKEND = SimdBackendProvider.NAME;
    static final String GEMM1 = "gemmGflops1";
    static final String GEMM_ALL = "gemmGflopsAll";
    static final String THREADS = "threads";
    static final String BANDWIDTH = "bandwidthGBps";
    /** The probe: 256^3 on one thread, as the calibration's own single-thread GEMM. */
    static final int PROBE_N = 256;
    static final int WARM_UP_N = 64;
    static final long WARM_UP_NANOS = 100_000_000L;
    /** Probe time in a session (after its first run): short, because every command-line session pays it once. */
    public static final long SESSION_PROBE_NANOS = 150_000_000L;
    /** Probe time of {@code walle calibrate}: long enough for the JIT to compile the GEMM kernel. */
    public static final long COMMAND_PROBE_NANOS = 1_500_000_000L;

    private final long probeNanos;

    /** @param probeNanos how long the probe may run (the JIT compiles the GEMM kernel meanwhile) */
    public SimdCalibrator(long probeNanos) {
        this.probeNanos = probeNanos;
    }

    @Override
    public String key() {
        return Calibration.machineKey();
    }

    @Override
    public Set<String> figureNames() {
        return Set.of(GEMM1, GEMM_ALL, THREADS, BANDWIDTH);
    }

    @Override
    public Map<String, Double> measure() {
        MachineSpeed s = Calibration.measure();
        Map<String, Double> f = new LinkedHashMap<>();
        f.put(GEMM1, s.gemmGflops1());
        f.put(GEMM_ALL, s.gemmGflopsAll());
        f.put(THREADS, (double) s.threads());
        f.put(BANDWIDTH, s.bandwidthGBps());
        return f;
    }

    @Override
    public String probeFigure() {
        return GEMM1;
    }

    /**
     * Best GFLOP/s of single-thread 256^3 GEMMs run for the probe time, after at most 0.1 s of 64^3 ones for the JIT.
     * A JIT that is still compiling only makes it slower, so a short probe can miss a pessimistic cache but never
     * makes a good one look stale.
     */
    @Override
    public double probe() {
        int n = PROBE_N;
        Random rnd = new Random(3);
        float[] a = Calibration.randomSquare(rnd, n);
        float[] b = Calibration.randomSquare(rnd, n);
        float[] c = new float[n * n];
        // sessions probe after their first run, when the kernel is compiled; in a cold process (walle calibrate)
        // small products warm it up first: one interpreted 256^3 call took a second, 64^3 ones are 64x cheaper
        long warm = System.nanoTime();
        for (int run = 0; run < 20 && System.nanoTime() - warm < WARM_UP_NANOS; run++) {
            Gemm.multiply(a, b, c, WARM_UP_N, WARM_UP_N, WARM_UP_N, 1);
        }
        long best = Long.MAX_VALUE;
        long start = System.nanoTime();
        for (int run = 0; run < 2000 && (run < 3 || System.nanoTime() - start < probeNanos); run++) {
            long t0 = System.nanoTime();
            Gemm.multiply(a, b, c, n, n, n, 1);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return 2.0 * n * n * n / best;
    }
}
