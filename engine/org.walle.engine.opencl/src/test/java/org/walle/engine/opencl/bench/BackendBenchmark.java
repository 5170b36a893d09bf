package org.walle.engine.opencl.bench;

import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;
import org.walle.engine.opencl.ClBuffer;
import org.walle.engine.opencl.ClContext;
import org.walle.engine.opencl.ClKernels;
import org.walle.engine.opencl.OpenCl;
import org.walle.engine.simd.Calibration;
import org.walle.engine.simd.Conv2d;
import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.ConvAlgorithm;
import org.walle.engine.simd.Gemm;
import org.walle.engine.simd.MachineSpeed;
import org.walle.engine.simd.Strassen;

/**
 * Backend benchmark (not a unit test; command in docs/benchmarks.md "## Backends"): SGEMM 256/512/1024 with a
 * scalar Java loop, cpu-simd on 1 and 2 threads, Strassen, and OpenCL; then a 3x3 conv on a 64x56x56 feature map
 * with every algorithm. Arguments {@code gemm} / {@code conv} run one part only. Times are best of N after warm-up; GFLOP/s of conv are credited with the direct FLOPs.
 */
public final class BackendBenchmark {

    private BackendBenchmark() {
    }

    public static void main(String[] args) {
        MachineSpeed speed = Calibration.load();
        System.out.printf(Locale.ROOT, "machine %s%ncalibration %s%n", Calibration.machineKey(), speed);
        ClContext cl = OpenCl.isAvailable() ? ClContext.openDefault() : null;
        ClKernels kernels = cl == null ? null : new ClKernels(cl);
        System.out.println(cl == null ? "OpenCL: " + OpenCl.unavailableReason() : "OpenCL: " + cl.device());
        java.util.List<String> parts = java.util.List.of(args.length == 0 ? new String[] {"gemm", "conv"} : args);
        if (parts.contains("gemm")) {
            gemm(speed, kernels, cl);
        }
        if (parts.contains("conv")) {
            conv(speed);
        }
        if (cl != null) {
            kernels.close();
            cl.close();
        }
    }

    private static void gemm(MachineSpeed speed, ClKernels kernels, ClContext cl) {
        System.out.println("\n| n | scalar ikj | simd 1 thread | simd 2 threads | Strassen 1 level, 2 threads"
                + " | OpenCL | simd2 / scalar | simd2 / OpenCL |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        Random rnd = new Random(1);
        for (int n : new int[] {256, 512, 1024}) {
            float[] a = random(rnd, n * n);
            float[] b = random(rnd, n * n);
            float[] c = new float[n * n];
            double flops = 2.0 * n * n * n;
            int reps = n == 1024 ? 3 : 8;
            double scalar = gflops(flops, best(n == 1024 ? 2 : 4, () -> time(() -> scalarGemm(a, b, c, n))));
            double simd1 = gflops(flops, best(reps * 3, () -> time(() -> Gemm.multiply(a, b, c, n, n, n, 1))));
            double simd2 = gflops(flops, best(reps * 3, () -> time(() -> Gemm.multiply(a, b, c, n, n, n, 2))));
            double strassen = gflops(flops, best(reps * 2, () -> time(() -> Strassen.multiply(a, b, c, n, n, n, 1,
                    2))));
            double ocl = Double.NaN;
            if (kernels != null) {
                try (ClBuffer ba = cl.upload(a); ClBuffer bb = cl.upload(b); ClBuffer bc = cl.buffer(n * n)) {
                    ocl = gflops(flops, best(reps, () -> time(() -> {
                        kernels.gemm(ba, bb, bc, n, n, n);
                        cl.finish();
                    })));
                }
            }
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1fx | %.1fx |%n", n, scalar,
                    simd1, simd2, strassen, ocl, simd2 / scalar, simd2 / ocl);
        }
        System.out.printf(Locale.ROOT, "Strassen levels chosen by the rule at 2 threads: 512 -> %d, 1024 -> %d,"
                + " 4096 -> %d%n", Strassen.levels(512, 512, 512, speed, 2), Strassen.levels(1024, 1024, 1024, speed,
                        2), Strassen.levels(4096, 4096, 4096, speed, 2));
    }

    private static void conv(MachineSpeed speed) {
        Conv2dParams p = Conv2dParams.of(1, 64, 56, 56, 64, 3, 1, 1);
        Random rnd = new Random(2);
        float[] in = random(rnd, p.inputSize());
        float[] w = random(rnd, p.weightSize());
        float[] bias = random(rnd, p.outChannels());
        float[] ref = new float[p.outputSize()];
        Conv2d.run(ConvAlgorithm.IM2COL_GEMM, p, in, w, bias, ref, 1);
        System.out.println("\nconv 3x3, 64 -> 64 channels, 56x56, pad 1 (" + String.format(Locale.ROOT, "%.1f",
                p.flops() / 1e6) + " MFLOP direct); chosen by the cost model at 2 threads: "
                + Conv2d.choose(p, speed, 2));
        System.out.println("| algorithm | ms 1 thread | ms 2 threads | GFLOP/s (2 thr) | vs sliding window"
                + " | model ms (2 thr) | max rel. error vs im2col |");
        System.out.println("|---|---|---|---|---|---|---|");
        double sliding = 0;
        for (ConvAlgorithm a : ConvAlgorithm.values()) {
            if (!a.supports(p)) {
                continue;
            }
            float[] out = new float[p.outputSize()];
            double t1 = best(10, () -> time(() -> Conv2d.run(a, p, in, w, bias, out, 1))) / 1e6;
            double t2 = best(10, () -> time(() -> Conv2d.run(a, p, in, w, bias, out, 2))) / 1e6;
            if (a == ConvAlgorithm.SLIDING_WINDOW) {
                sliding = t2;
            }
            double scale = 1;
            double err = 0;
            for (int i = 0; i < ref.length; i++) {
                scale = Math.max(scale, Math.abs(ref[i]));
                err = Math.max(err, Math.abs(ref[i] - out[i]));
            }
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.1f | %.2fx | %.2f | %.1e |%n", a, t1, t2,
                    p.flops() / t2 / 1e6, sliding / t2, a.cost(p).seconds(speed, 2) * 1e3, err / scale);
        }
    }

    static void scalarGemm(float[] a, float[] b, float[] c, int n) {
        java.util.Arrays.fill(c, 0f);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < n; p++) {
                float av = a[i * n + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += av * b[p * n + j];
                }
            }
        }
    }

    private static long time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return System.nanoTime() - t0;
    }

    /** Best of {@code runs} after as many warm-up runs. */
    private static double best(int runs, LongSupplier run) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 2 * runs; i++) {
            long t = run.getAsLong();
            if (i >= runs) {
                best = Math.min(best, t);
            }
        }
        return best;
    }

    private static double gflops(double flops, double nanos) {
        return flops / nanos;
    }

    private static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }
}
