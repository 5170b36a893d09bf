package org.walle.engine.simd;

import java.util.EnumMap;
import java.util.Map;
import org.walle.engine.simd.internal.DepthwiseConv;
import org.walle.engine.simd.internal.Im2colConv;
import org.walle.engine.simd.internal.ImplicitGemmConv;
import org.walle.engine.simd.internal.SlidingWindowConv;
import org.walle.engine.simd.internal.WinogradConv;

/**
 * 2D convolution on NCHW float arrays with a chosen {@link ConvAlgorithm}; {@link #choose} picks the cheapest
 * supported algorithm by its cost formula.
 */
public final class Conv2d {

    private static final Map<ConvAlgorithm, WinogradConv> WINOGRAD = new EnumMap<>(ConvAlgorithm.class);

    static {
        for (ConvAlgorithm a : ConvAlgorithm.values()) {
            if (a.winogradTile() > 0) {
                WINOGRAD.put(a, new WinogradConv(WinogradTransform.standard(a.winogradTile(), 3)));
            }
        }
    }

    private Conv2d() {
    }

    /**
     * {@code output = conv(input, weights) + bias}. {@code bias} may be null. Throws IllegalArgumentException
     * naming the array or the geometry limit when the inputs do not fit {@code p} or the algorithm.
     */
    public static void run(ConvAlgorithm algorithm, Conv2dParams p, float[] input, float[] weights, float[] bias,
            float[] output, int threads) {
        check(algorithm, p, input, weights, bias, output);
        Parallel.checkThreads(threads);
        switch (algorithm) {
            case SLIDING_WINDOW -> SlidingWindowConv.run(p, input, weights, bias, output, threads);
            case IM2COL_GEMM -> Im2colConv.run(p, input, weights, bias, output, threads);
            case DEPTHWISE -> DepthwiseConv.run(p, input, weights, bias, output, threads);
            case IMPLICIT_GEMM -> ImplicitGemmConv.run(p, input, weights, bias, output, threads);
            default -> WINOGRAD.get(algorithm).run(p, input, weights, bias, output, threads);
        }
    }

    public static void run(ConvAlgorithm algorithm, Conv2dParams p, float[] input, float[] weights, float[] bias,
            float[] output) {
        run(algorithm, p, input, weights, bias, output, Parallel.defaultThreads());
    }

    /** The supported algorithm with the least estimated time on {@code speed} at {@code threads}. */
    public static ConvAlgorithm choose(Conv2dParams p, MachineSpeed speed, int threads) {
        ConvAlgorithm best = null;
        double bestSeconds = Double.MAX_VALUE;
        for (ConvAlgorithm a : ConvAlgorithm.values()) {
            if (a.supports(p)) {
                double s = a.cost(p).seconds(speed, threads);
                if (s < bestSeconds) {
                    bestSeconds = s;
                    best = a;
                }
            }
        }
        return best;
    }

    private static void check(ConvAlgorithm algorithm, Conv2dParams p, float[] input, float[] weights, float[] bias,
            float[] output) {
        String reason = algorithm.unsupportedReason(p);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        checkLength("input", input, p.inputSize());
        checkLength("weights", weights, p.weightSize());
        checkLength("output", output, p.outputSize());
        if (bias != null) {
            checkLength("bias", bias, p.outChannels());
        }
    }

    private static void checkLength(String name, float[] array, int expected) {
        if (array == null) {
            throw new IllegalArgumentException("conv " + name + " is null");
        }
        if (array.length < expected) {
            throw new IllegalArgumentException("conv " + name + " holds " + array.length + " floats, needs "
                    + expected);
        }
    }
}
