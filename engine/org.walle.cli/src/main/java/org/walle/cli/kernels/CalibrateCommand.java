package org.walle.cli.kernels;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.walle.engine.backend.calibration.Calibrated;
import org.walle.engine.backend.calibration.CalibrationCache;
import org.walle.engine.opencl.OpenCl;
import org.walle.engine.opencl.backend.OpenClBackend;
import org.walle.engine.simd.backend.SimdCalibrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code walle calibrate [--file F] [--force] [--backend all|cpu-simd|opencl]}: the speeds the cost model uses, as
 * cached per machine. Without {@code --force} a cached entry is checked with a short probe (and measured again when
 * the machine is much faster than it says); a missing or corrupt one is measured. Prints every figure, when and
 * under what load it was measured, and what changed.
 */
@Command(name = "calibrate", description = {"Show, check or measure this machine's backend speeds (GEMM GFLOP/s,",
    "memory bandwidth, OpenCL launch cost) as cached for the cost model, and what changed."})
public final class CalibrateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", description = "calibration cache (default ~/.walle/calibration.json)")
    Path file;

    @Option(names = "--force", description = "measure again (best of 3 passes) and replace the cached figures")
    boolean force;

    @Option(names = "--backend", defaultValue = "all", paramLabel = "NAME",
            description = "all, cpu-simd or opencl (default ${DEFAULT-VALUE})")
    String backend;

    @Override
    public void run() {
        if (!backend.equals("all") && !backend.equals(SimdCalibrator.BACKEND) && !backend.equals(OpenClBackend.NAME)) {
            throw new IllegalArgumentException("--backend must be all, cpu-simd or opencl, got '" + backend + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        CalibrationCache cache = file == null ? CalibrationCache.standard() : new CalibrationCache(file);
        CalibrationCache.forgetObtained();
        out.println("calibration cache " + cache.file());
        if (!backend.equals(OpenClBackend.NAME)) {
            out.println((force ? "measuring" : "checking") + " cpu-simd (a cold cache takes a few seconds)...");
            out.flush();
            SimdCalibrator simd = new SimdCalibrator(SimdCalibrator.COMMAND_PROBE_NANOS);
            Calibrated s = force ? cache.recalibrate(simd, false, "forced") : cache.obtain(simd);
            print(out, SimdCalibrator.BACKEND, s, cache);
            out.printf(Locale.ROOT, "  GEMM %.1f GFLOP/s on 1 thread, %.1f GFLOP/s on %.0f threads; memory %.1f GB/s%n",
                    s.figure("gemmGflops1"), s.figure("gemmGflopsAll"), s.figure("threads"), s.figure("bandwidthGBps"));
            out.printf(Locale.ROOT, "  Strassen pays for square n > %.0f (1 thread), n > %.0f (all threads)%n",
                    264 * s.figure("gemmGflops1") / s.figure("bandwidthGBps"),
                    264 * s.figure("gemmGflopsAll") / s.figure("bandwidthGBps"));
        }
        if (!backend.equals(SimdCalibrator.BACKEND)) {
            if (!OpenCl.isAvailable()) {
                out.println("opencl: not available (" + OpenCl.unavailableReason() + ")");
            } else {
                out.println((force ? "measuring" : "checking") + " opencl...");
                out.flush();
                print(out, OpenClBackend.NAME, OpenClBackend.calibrate(cache, force), cache);
            }
        }
    }

    /** The entry's figures (old -> new where they changed), provenance, and what obtaining it did. */
    private static void print(PrintWriter out, String name, Calibrated c, CalibrationCache cache) {
        cache.problem().ifPresent(p -> out.println("  note: " + p));
        out.println(name + "  [" + c.key() + "]  " + describe(c));
        for (String figure : new TreeSet<>(c.figures().keySet())) {
            double now = c.figure(figure);
            Double before = c.previous().get(figure);
            if (before == null || before.doubleValue() == now) {
                out.printf(Locale.ROOT, "  %-20s %10s%n", figure, number(now));
            } else {
                out.printf(Locale.ROOT, "  %-20s %10s  (was %s, %+.0f%%)%n", figure, number(now), number(before),
                        100 * (now - before) / before);
            }
        }
        for (Map.Entry<String, String> fact : c.facts().entrySet()) {
            out.printf(Locale.ROOT, "  %-20s %s%n", fact.getKey(), fact.getValue());
        }
        out.println("  " + c.provenance());
    }

    /** Four significant digits without trailing zeros, as the cache file writes them. */
    private static String number(double v) {
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String describe(Calibrated c) {
        String why = c.why() == null ? "" : ": " + c.why();
        return switch (c.change()) {
            case CACHED -> "cached, already checked in this process";
            case CONFIRMED -> "cached and confirmed" + why;
            case MEASURED -> "measured now" + why;
            case RECALIBRATED -> "re-calibrated" + why;
        };
    }
}
