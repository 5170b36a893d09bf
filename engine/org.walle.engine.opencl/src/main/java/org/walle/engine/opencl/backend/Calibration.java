package org.walle.engine.opencl.backend;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.walle.engine.opencl.ClBuffer;
import org.walle.engine.opencl.ClContext;
import org.walle.engine.opencl.ClDevice;

/**
 * Short micro-runs on the device, done once per process per device (about a tenth of a second on PoCL): a 256^3
 * GEMM on each of the backend's three GEMM kernels, a 4 MiB copy kernel, a 4 MiB write and read, and one-item
 * launches. Best of a few timings after a warm-up (the median for launches), so a stall in the middle does not
 * make the device look slow.
 */
final class Calibration {

    private static final Map<String, DeviceSpeed> MEASURED = new ConcurrentHashMap<>();
    static final int GEMM_N = 256;
    static final int COPY_FLOATS = 1 << 20;

    private Calibration() {
    }

    static DeviceSpeed of(DeviceKernels kernels) {
        ClDevice d = kernels.context().device();
        return MEASURED.computeIfAbsent(d.cacheIdentity() + "|" + d.deviceId(), key -> measure(kernels));
    }

    static DeviceSpeed measure(DeviceKernels k) {
        ClContext cl = k.context();
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
            double tiled = best(3, () -> k.launch("gemm", new long[] {n, n}, new long[] {ts, ts}, aa, bb, cc, aa, 0, n,
                    n, n, false, false, 1f, 0f), k);
            double blocked = best(3, () -> k.launch("gemm_blocked", new long[] {n / 8, n / 4}, null, aa, bb, cc, aa, 0,
                    n, n, n, false, false, 1f, 0f), k);
            double direct = best(3, () -> k.launch("gemm_direct", new long[] {n, n}, null, aa, bb, cc, aa, 0, n, n, n,
                    false, false, 1f, 0f), k);
            double copy = best(3, () -> k.launch("unary_IDENTITY", new long[] {COPY_FLOATS}, null, aa, cc, 0f, 0f,
                    COPY_FLOATS), k);
            double write = best(3, () -> b.write(data, COPY_FLOATS), k);
            double read = best(3, () -> b.read(data, COPY_FLOATS), k);
            double launch = median(15, () -> k.launch("fill_b4", new long[] {1}, null, cc, 0, 1), k);
            double flops = 2.0 * n * n * n;
            return new DeviceSpeed(flops / tiled, flops / blocked, flops / direct, 8.0 * COPY_FLOATS / copy,
                    8.0 * COPY_FLOATS / (write + read), launch);
        }
    }

    private static double best(int runs, Runnable work, DeviceKernels k) {
        double[] t = times(runs, work, k);
        return t[0];
    }

    private static double median(int runs, Runnable work, DeviceKernels k) {
        double[] t = times(runs, work, k);
        return t[runs / 2];
    }

    /** Sorted seconds of {@code runs} timed repetitions (each waited for) after one warm-up. */
    private static double[] times(int runs, Runnable work, DeviceKernels k) {
        work.run();
        k.finish();
        double[] t = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            work.run();
            k.finish();
            t[r] = Math.max(1, System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t;
    }
}
