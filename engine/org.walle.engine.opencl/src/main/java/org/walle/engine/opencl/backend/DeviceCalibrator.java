package org.walle.engine.opencl.backend;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.walle.engine.backend.calibration.CalibrationCache;
import org.walle.engine.backend.calibration.Calibrator;
import org.walle.engine.opencl.ClBuffer;
import org.walle.engine.opencl.ClContext;

/**
 * Short micro-runs on the device (about a tenth of a second on PoCL): a 256^3 GEMM on each of the backend's three
 * GEMM kernels, a 4 MiB copy kernel, a 4 MiB write and read, and one-item launches; best of a few timings after a
 * warm-up (the median for launches). {@link CalibrationCache} keeps the best of several passes per machine, so later
 * processes price OpenCL without opening a context; the probe (one blocked GEMM) re-checks the entry when the
 * context is opened anyway.
 */
final class DeviceCalibrator implements Calibrator {
    static final int GEMM_N = 256;
    static final int COPY_FLOATS = 1 << 20;
    static final String TILED = "tiledGflops";
    static final String BLOCKED = "blockedGflops";
    static final String DIRECT = "directGflops";
    static final String DEVICE_BW = "deviceGBps";
    static final String COPY_BW = "copyGBps";
    static final String LAUNCH = "launchUs";
    /** Not a speed: whether the tiled GEMM (16 x 16 work-groups) can be offered, known before the context opens. */
    static final String TILED_LIMIT = "gemmWorkGroupLimit";
    static final String DEVICE = "device";

    private final DeviceKernels kernels;

    DeviceCalibrator(DeviceKernels kernels) {
        this.kernels = kernels;
    }

    /** One entry per machine, not per device: it must be found before any OpenCL call (the device is a fact). */
    static String machineKey() {
        return "opencl|" + CalibrationCache.machineKey();
    }

    @Override
    public String key() {
        return machineKey();
    }

    @Override
    public Set<String> figureNames() {
        return Set.of(TILED, BLOCKED, DIRECT, DEVICE_BW, COPY_BW, LAUNCH, TILED_LIMIT);
    }

    @Override
    public boolean lowerIsFaster(String figure) {
        return figure.equals(LAUNCH);
    }

    @Override
    public Set<String> factNames() {
        return Set.of(DEVICE);
    }

    @Override
    public Map<String, String> facts() {
        return Map.of(DEVICE, kernels.context().device().cacheIdentity());
    }

    @Override
    public String probeFigure() {
        return BLOCKED;
    }

    /** One warm-up and the best of three 256^3 blocked GEMMs: a few milliseconds. */
    @Override
    public double probe() {
        ClContext cl = kernels.context();
        float[] ones = new float[GEMM_N * GEMM_N];
        java.util.Arrays.fill(ones, 1f);
        try (ClBuffer a = cl.upload(ones); ClBuffer c = cl.buffer(GEMM_N * GEMM_N)) {
            Arg aa = new Arg(a, 0, "A");
            return 2.0 * GEMM_N * GEMM_N * GEMM_N / best(3, () -> blocked(aa, aa, new Arg(c, 0, "C"))) / 1e9;
        }
    }

    @Override
    public Map<String, Double> measure() {
        ClContext cl = kernels.context();
        Random rnd = new Random(11);
        float[] data = new float[COPY_FLOATS];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextFloat();
        }
        try (ClBuffer a = cl.upload(data); ClBuffer b = cl.buffer(COPY_FLOATS); ClBuffer c = cl.buffer(COPY_FLOATS)) {
            int n = GEMM_N;
            Arg aa = new Arg(a, 0, "A");
            Arg bb = new Arg(b, 0, "B");
            Arg cc = new Arg(c, 0, "C");
            long ts = DeviceKernels.TS;
            long limit = kernels.workGroupLimit("gemm");
            double tiled = limit >= ts * ts ? best(3, () -> kernels.launch("gemm", new long[] {n, n},
                    new long[] {ts, ts}, aa, bb, cc, aa, 0, n, n, n, false, false, 1f, 0f)) : Double.NaN;
            double blocked = best(3, () -> blocked(aa, bb, cc));
            double direct = best(3, () -> kernels.launch("gemm_direct", new long[] {n, n}, null, aa, bb, cc, aa, 0, n,
                    n, n, false, false, 1f, 0f));
            double copy = best(3, () -> kernels.launch("unary_IDENTITY", new long[] {COPY_FLOATS}, null, aa, cc, 0f,
                    0f, COPY_FLOATS));
            double write = best(3, () -> b.write(data, COPY_FLOATS));
            double read = best(3, () -> b.read(data, COPY_FLOATS));
            double launch = median(15, () -> kernels.launch("fill_b4", new long[] {1}, null, cc, 0, 1));
            double gflop = 2.0 * n * n * n / 1e9;
            Map<String, Double> f = new LinkedHashMap<>();
            // without 16 x 16 work-groups the tiled kernel is never offered; its rate is then the blocked one's
            f.put(TILED, gflop / (Double.isNaN(tiled) ? blocked : tiled));
            f.put(BLOCKED, gflop / blocked);
            f.put(DIRECT, gflop / direct);
            f.put(DEVICE_BW, 8.0 * COPY_FLOATS / copy / 1e9);
            f.put(COPY_BW, 8.0 * COPY_FLOATS / (write + read) / 1e9);
            f.put(LAUNCH, launch * 1e6);
            f.put(TILED_LIMIT, (double) limit);
            return f;
        }
    }

    private void blocked(Arg a, Arg b, Arg c) {
        int n = GEMM_N;
        kernels.launch("gemm_blocked", new long[] {n / 8, n / 4}, null, a, b, c, a, 0, n, n, n, false, false, 1f, 0f);
    }

    private double best(int runs, Runnable work) {
        return times(runs, work)[0];
    }

    private double median(int runs, Runnable work) {
        return times(runs, work)[runs / 2];
    }

    /** Sorted seconds of {@code runs} timed repetitions (each waited for) after one warm-up. */
    private double[] times(int runs, Runnable work) {
        work.run();
        kernels.finish();
        double[] t = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            work.run();
            kernels.finish();
            t[r] = Math.max(1, System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t;
    }
}
