package org.walle.engine.simd.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.walle.engine.simd.Calibration;
import org.walle.engine.simd.Gemm;

/**
 * SGEMM on cpu-simd against the machine's measured peak: the peak is a register-only loop of independent Vector API
 * FMAs (what the cores can issue from Java, no memory traffic) on 1 thread and on every core at once; SGEMM is
 * {@code C = A x B} with square n = 512 and 1024 through {@link Gemm#multiply} (packing included), best of N after a
 * warm-up long enough for C2. Prints GFLOP/s and the share of the peak at the same thread count. Command in
 * docs/benchmarks.md ("SGEMM against the measured peak").
 */
public final class SgemmPeakBenchmark {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    /** FMAs per chain per call of the peak loop; twelve chains as in the GEMM micro-kernel. */
    private static final int PEAK_STEPS = 1 << 14;
    /** Calls of the peak loop per thread and pass (many short calls: C2 compiles the method, not only an OSR). */
    private static final int PEAK_CALLS = 256;

    private SgemmPeakBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "machine %s, %d lanes of float%n", Calibration.machineKey(), SP.length());
        // the peak is measured before and after the products and the higher figure kept: on a shared host one pass
        // can lose a core to another tenant (a 2-thread peak once came out at the 1-thread figure)
        double[] peak = new double[cores + 1];
        for (int t : new int[] {1, cores}) {
            peak[t] = peak(t);
        }
        StringBuilder table = new StringBuilder();
        table.append("| n | threads | SGEMM GFLOP/s (best) | median | peak GFLOP/s | best / peak |\n");
        table.append("|---|---|---|---|---|---|\n");
        Random rnd = new Random(1);
        List<double[]> results = new ArrayList<>();
        for (int n : new int[] {512, 1024}) {
            float[] a = random(rnd, n * n);
            float[] b = random(rnd, n * n);
            for (int t : new int[] {1, cores}) {
                double[] gflops = sgemm(a, b, n, t, n == 1024 ? 10 : 40);
                results.add(new double[] {n, t, gflops[gflops.length - 1], gflops[gflops.length / 2]});
            }
        }
        for (int t : new int[] {1, cores}) {
            peak[t] = Math.max(peak[t], peak(t));
            System.out.printf(Locale.ROOT, "FMA peak, %d thread(s): %.1f GFLOP/s%n", t, peak[t]);
        }
        for (double[] r : results) {
            int t = (int) r[1];
            table.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %.0f%% |%n", (int) r[0], t, r[2],
                    r[3], peak[t], 100 * r[2] / peak[t]));
        }
        System.out.print("\n" + table);
    }

    /** GFLOP/s of {@code runs} n x n products on {@code threads} threads after a 2 s warm-up, sorted ascending. */
    private static double[] sgemm(float[] a, float[] b, int n, int threads, int runs) {
        float[] c = new float[n * n];
        double flops = 2.0 * n * n * n;
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            Gemm.multiply(a, b, c, n, n, n, threads);
        }
        double[] gflops = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            Gemm.multiply(a, b, c, n, n, n, threads);
            gflops[r] = flops / (System.nanoTime() - t0);
        }
        Arrays.sort(gflops);
        return gflops;
    }

    /** Best of 10 passes of the FMA loop on {@code threads} threads at once, in GFLOP/s (2 FLOPs per lane). */
    private static double peak(int threads) throws InterruptedException {
        for (int warm = 0; warm < 20 * PEAK_CALLS; warm++) {
            fmaChains(PEAK_STEPS);
        }
        double best = 0;
        for (int pass = 0; pass < 10; pass++) {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            Thread[] workers = new Thread[threads];
            for (int i = 0; i < threads; i++) {
                workers[i] = new Thread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int call = 0; call < PEAK_CALLS; call++) {
                        fmaChains(PEAK_STEPS);
                    }
                });
                workers[i].start();
            }
            ready.await();
            long t0 = System.nanoTime();
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }
            double flops = 2.0 * 12 * SP.length() * (double) PEAK_STEPS * PEAK_CALLS * threads;
            best = Math.max(best, flops / (System.nanoTime() - t0));
        }
        return best;
    }

    /**
     * Twelve independent FMA chains for {@code steps} steps, each accumulating into its register as the GEMM does
     * ({@code c = x * y + c}: with {@code c = c * x + y} C2 copied y into a register before every FMA and spilled,
     * and the loop ran at 60% of this one); returns a sum so the work is not dead code.
     */
    static float fmaChains(int steps) {
        FloatVector x = FloatVector.broadcast(SP, 0.999999f);
        FloatVector y = FloatVector.broadcast(SP, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(SP, 1f);
        FloatVector c1 = c0.add(y);
        FloatVector c2 = c1.add(y);
        FloatVector c3 = c2.add(y);
        FloatVector c4 = c3.add(y);
        FloatVector c5 = c4.add(y);
        FloatVector c6 = c5.add(y);
        FloatVector c7 = c6.add(y);
        FloatVector c8 = c7.add(y);
        FloatVector c9 = c8.add(y);
        FloatVector c10 = c9.add(y);
        FloatVector c11 = c10.add(y);
        for (int i = 0; i < steps; i++) {
            c0 = x.fma(y, c0);
            c1 = x.fma(y, c1);
            c2 = x.fma(y, c2);
            c3 = x.fma(y, c3);
            c4 = x.fma(y, c4);
            c5 = x.fma(y, c5);
            c6 = x.fma(y, c6);
            c7 = x.fma(y, c7);
            c8 = x.fma(y, c8);
            c9 = x.fma(y, c9);
            c10 = x.fma(y, c10);
            c11 = x.fma(y, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat() - 0.5f;
        }
        return v;
    }
}
