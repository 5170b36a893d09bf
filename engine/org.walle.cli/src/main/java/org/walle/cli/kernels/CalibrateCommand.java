package org.walle.cli.kernels;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.walle.engine.simd.Calibration;
import org.walle.engine.simd.MachineSpeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code walle calibrate [--file F] [--force]}: the cpu-simd speeds the cost model uses, measured once per machine. */
@Command(name = "calibrate", description = {"Show (measuring on first use) this machine's GEMM GFLOP/s and memory",
    "bandwidth, as cached for the cost model, and the Strassen crossover they imply."})
public final class CalibrateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", description = "calibration cache (default ~/.walle/calibration.json)")
    Path file;

    @Option(names = "--force", description = "drop this machine's cached entry and measure again")
    boolean force;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Path cache = file == null ? Calibration.defaultFile() : file;
        if (force) {
            Calibration.forget(cache);
        }
        boolean cached = Files.exists(cache);
        out.println("machine  " + Calibration.machineKey());
        out.println((cached ? "reading " : "measuring (about 3 s), caching in ") + cache);
        MachineSpeed s = Calibration.loadOrMeasure(cache);
        out.printf("GEMM     %.1f GFLOP/s on 1 thread, %.1f GFLOP/s on %d threads%n", s.gemmGflops1(),
                s.gemmGflopsAll(), s.threads());
        out.printf("memory   %.1f GB/s (vector triad)%n", s.bandwidthGBps());
        out.printf("Strassen pays for square n > %.0f (1 thread), n > %.0f (%d threads)%n",
                264 * s.gemmGflops1() / s.bandwidthGBps(), 264 * s.gemmGflopsAll() / s.bandwidthGBps(), s.threads());
    }
}
