package org.walle.engine.simd.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.walle.engine.simd.Calibration;
import org.walle.engine.simd.Conv2d;
import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.ConvAlgorithm;
import org.walle.engine.simd.MachineSpeed;
import org.walle.engine.simd.internal.GemmKernel;
import org.walle.engine.simd.internal.Im2colConv;
import org.walle.engine.simd.internal.ImplicitGemmConv;
import org.walle.engine.simd.internal.PhasePlanes;

/**
 * The conv layers that dominate the benchmark models (PP-OCRv4 det/rec, the MobileNet-style net), each run with the
 * GEMM-based algorithms the way the cpu-simd backend runs them (constant weights packed once), interleaved, 1 thread.
 * Time is the calling thread's CPU time ({@link ThreadMXBean}), so other processes on a loaded machine shift the
 * figures less than wall time would (they still share caches and, on SMT hosts, the core). Prints the best and the
 * median of N runs per algorithm with GFLOP/s (direct FLOPs) and the cost model's estimate, so the model's
 * efficiencies can be re-fitted. Command in docs/benchmarks.md ("cpu-simd vs ONNX Runtime").
 */
public final class ConvLayerBenchmark {

    private record Layer(String name, Conv2dParams p) {
    }

    private static List<Layer> layers() {
        List<Layer> l = new ArrayList<>();
        l.add(new Layer("det Conv.58 96->24 3x3 80x80", Conv2dParams.of(1, 96, 80, 80, 24, 3, 1, 1)));
        l.add(new Layer("det Conv.55 96->24 3x3 40x40", Conv2dParams.of(1, 96, 40, 40, 24, 3, 1, 1)));
        l.add(new Layer("det Conv.52 96->24 3x3 20x20", Conv2dParams.of(1, 96, 20, 20, 24, 3, 1, 1)));
        l.add(new Layer("det Conv.0 3->16 3x3/2 320", Conv2dParams.of(1, 3, 320, 320, 16, 3, 2, 1)));
        l.add(new Layer("det Conv.2 pw 16->32 160x160", Conv2dParams.of(1, 16, 160, 160, 32, 1, 1, 0)));
        l.add(new Layer("det Conv.46 pw 12->96 80x80", Conv2dParams.of(1, 12, 80, 80, 96, 1, 1, 0)));
        l.add(new Layer("det Conv.6 pw 48->48 80x80", Conv2dParams.of(1, 48, 80, 80, 48, 1, 1, 0)));
        l.add(new Layer("det Conv.30 pw 384 10x10", Conv2dParams.of(1, 384, 10, 10, 384, 1, 1, 0)));
        l.add(new Layer("rec Conv.28 pw 480 6x80", Conv2dParams.of(1, 480, 6, 80, 480, 1, 1, 0)));
        l.add(new Layer("rec Conv.18 pw 240 12x80", Conv2dParams.of(1, 240, 12, 80, 240, 1, 1, 0)));
        l.add(new Layer("rec Conv.12 pw 128->240 12x80", Conv2dParams.of(1, 128, 12, 80, 240, 1, 1, 0)));
        l.add(new Layer("rec Conv.4 pw 32->64 24x160", Conv2dParams.of(1, 32, 24, 160, 64, 1, 1, 0)));
        l.add(new Layer("mbn stem 3->32 3x3/2 224", Conv2dParams.of(1, 3, 224, 224, 32, 3, 2, 1)));
        l.add(new Layer("mbn block0.pw 32->64 112x112", Conv2dParams.of(1, 32, 112, 112, 64, 1, 1, 0)));
        l.add(new Layer("mbn block2.pw 128 56x56", Conv2dParams.of(1, 128, 56, 56, 128, 1, 1, 0)));
        l.add(new Layer("mbn block3.pw 128->256 28x28", Conv2dParams.of(1, 128, 28, 28, 256, 1, 1, 0)));
        l.add(new Layer("mbn block4.pw 256 28x28", Conv2dParams.of(1, 256, 28, 28, 256, 1, 1, 0)));
        l.add(new Layer("mbn block5.pw 256->512 14x14", Conv2dParams.of(1, 256, 14, 14, 512, 1, 1, 0)));
        l.add(new Layer("mbn block7.pw 512 14x14", Conv2dParams.of(1, 512, 14, 14, 512, 1, 1, 0)));
        l.add(new Layer("mbn block12.pw 1024 7x7", Conv2dParams.of(1, 1024, 7, 7, 1024, 1, 1, 0)));
        return l;
    }

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String filter = args.length > 1 ? args[1] : "";
        MachineSpeed speed = Calibration.load();
        System.out.printf("calibration: %s%n", speed);
        Random rnd = new Random(7);
        for (Layer layer : layers()) {
            if (!layer.name().contains(filter)) {
                continue;
            }
            Conv2dParams p = layer.p();
            float[] in = random(rnd, p.inputSize());
            float[] w = random(rnd, p.weightSize());
            float[] bias = random(rnd, p.outChannels());
            float[] out = new float[p.outputSize()];
            GemmKernel.PackedA[] im2colPacked = Im2colConv.packWeights(p, w);
            GemmKernel.PackedA[] implicitPacked = ImplicitGemmConv.packWeights(p, w);
            PhasePlanes planes = new PhasePlanes(p);
            List<ConvAlgorithm> algorithms = new ArrayList<>(List.of(ConvAlgorithm.IM2COL_GEMM,
                    ConvAlgorithm.IMPLICIT_GEMM));
            if (ConvAlgorithm.WINOGRAD_F4.supports(p)) {
                algorithms.add(ConvAlgorithm.WINOGRAD_F4);
            }
            Runnable[] bodies = new Runnable[algorithms.size()];
            for (int i = 0; i < bodies.length; i++) {
                ConvAlgorithm a = algorithms.get(i);
                bodies[i] = switch (a) {
                    case IM2COL_GEMM -> () -> Im2colConv.run(p, in, w, im2colPacked, bias, out, 1);
                    case IMPLICIT_GEMM -> () -> ImplicitGemmConv.run(p, planes, in, implicitPacked, bias, out, 1);
                    default -> () -> Conv2d.run(a, p, in, w, bias, out, 1);
                };
            }
            long[][] nanos = new long[bodies.length][runs];
            int warm = Math.max(5, (int) Math.min(200, 2e8 / p.flops()));
            for (int r = -warm; r < runs; r++) {
                for (int i = 0; i < bodies.length; i++) {
                    long t0 = MX.getCurrentThreadCpuTime();
                    bodies[i].run();
                    long t = MX.getCurrentThreadCpuTime() - t0;
                    if (r >= 0) {
                        nanos[i][r] = t;
                    }
                }
            }
            System.out.printf("%-32s %7.1f MFLOP%n", layer.name(), p.flops() / 1e6);
            for (int i = 0; i < bodies.length; i++) {
                long[] s = nanos[i].clone();
                Arrays.sort(s);
                double model = algorithms.get(i).cost(p).seconds(speed, 1) * 1e3;
                System.out.printf("    %-14s best %7.3f ms (%5.1f GFLOP/s)  median %7.3f ms  model %7.3f ms%n",
                        algorithms.get(i).name().toLowerCase(), s[0] / 1e6, p.flops() / s[0], s[runs / 2] / 1e6,
                        model);
            }
        }
    }

    private static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextFloat() * 2 - 1;
        }
        return a;
    }
}
