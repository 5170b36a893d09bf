package org.walle.cli.kernels;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Random;
import org.walle.engine.simd.Calibration;
import org.walle.engine.simd.Conv2d;
import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.ConvAlgorithm;
import org.walle.engine.simd.Cost;
import org.walle.engine.simd.MachineSpeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code walle conv-algorithms --shape 1,64,56,56 --out-channels 64 --kernel 3 [--measure]}: every cpu-simd conv
 * algorithm's modelled cost for one layer, the model's choice, and optionally the measured times.
 */
@Command(name = "conv-algorithms", description = {"Cost-model estimate (and with --measure the measured time) of",
    "every cpu-simd Conv2D algorithm for one layer, and the algorithm the model picks."})
public final class ConvAlgorithmsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--shape", required = true, paramLabel = "N,C,H,W", split = ",", description = "input shape")
    int[] shape;

    @Option(names = "--out-channels", required = true, paramLabel = "OC")
    int outChannels;

    @Option(names = "--kernel", defaultValue = "3", paramLabel = "K")
    int kernel;

    @Option(names = "--stride", defaultValue = "1")
    int stride;

    @Option(names = "--pad", defaultValue = "-1", description = "default: same padding (kernel / 2)")
    int pad;

    @Option(names = "--groups", defaultValue = "1")
    int groups;

    @Option(names = "--threads", defaultValue = "0", description = "default: all cores")
    int threads;

    @Option(names = "--measure", description = "run every supported algorithm (best of 5 after warm-up)")
    boolean measure;

    @Option(names = "--warmup-ms", defaultValue = "1000", paramLabel = "MS", description = {"with --measure: warm-up",
        "time per algorithm before the timed runs (the JIT compiles the kernels during it; default 1000)"})
    long warmupMillis;

    @Option(names = "--calibration", paramLabel = "FILE", description = "calibration cache (default ~/.walle/...)")
    Path calibration;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (shape.length != 4) {
            throw new ParameterException(spec.commandLine(), "--shape needs 4 numbers N,C,H,W, got " + shape.length);
        }
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        Conv2dParams p = Conv2dParams.of(shape[0], shape[1], shape[2], shape[3], outChannels, kernel, stride,
                pad < 0 ? kernel / 2 : pad).withGroups(groups);
        MachineSpeed speed = Calibration.loadOrMeasure(calibration == null ? Calibration.defaultFile() : calibration);
        out.printf("conv %s -> %d channels, %dx%d output, %.1f MFLOP, %d threads%n", java.util.Arrays.toString(shape),
                outChannels, p.outHeight(), p.outWidth(), p.flops() / 1e6, t);
        float[][] data = measure ? data(p) : null;
        for (ConvAlgorithm a : ConvAlgorithm.values()) {
            String reason = a.unsupportedReason(p);
            if (reason != null) {
                out.printf("  %-15s unsupported: %s%n", a, reason);
                continue;
            }
            Cost c = a.cost(p);
            out.printf("  %-15s model %8.3f ms  (%.1f MFLOP, %.1f MB)", a, c.seconds(speed, t) * 1e3, c.flops() / 1e6,
                    c.bytes() / 1e6);
            if (measure) {
                out.printf("  measured %8.3f ms", measure(a, p, data, t, warmupMillis * 1_000_000L) / 1e6);
            }
            out.println();
            out.flush();
        }
        out.println("model choice: " + Conv2d.choose(p, speed, t));
    }

    private static float[][] data(Conv2dParams p) {
        Random rnd = new Random(1);
        float[] in = new float[p.inputSize()];
        float[] w = new float[p.weightSize()];
        for (int i = 0; i < in.length; i++) {
            in[i] = rnd.nextFloat() - 0.5f;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextFloat() - 0.5f;
        }
        return new float[][] {in, w, new float[p.outputSize()]};
    }

    /** Warm-up runs that stop after this many even when the warm-up time is not over. */
    static final int MAX_WARMUP_RUNS = 5_000;

    /**
     * Best of 5 timed runs after at least 5 warm-up runs and {@code warmupNanos}: with a fixed 5 warm-up runs a cold
     * process timed the interpreter and C1 code (the 96 -> 24 80x80 3x3 layer's implicit GEMM 7.4 ms, 5.0 warm).
     */
    private static long measure(ConvAlgorithm a, Conv2dParams p, float[][] d, int threads, long warmupNanos) {
        long start = System.nanoTime();
        for (int run = 0; run < MAX_WARMUP_RUNS && (run < 5 || System.nanoTime() - start < warmupNanos); run++) {
            Conv2d.run(a, p, d[0], d[1], null, d[2], threads);
        }
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long t0 = System.nanoTime();
            Conv2d.run(a, p, d[0], d[1], null, d[2], threads);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }
}
