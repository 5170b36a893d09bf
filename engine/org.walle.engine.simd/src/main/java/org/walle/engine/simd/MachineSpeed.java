package org.walle.engine.simd;

/**
 * Calibrated speeds of one machine: GEMM throughput on 1 thread and on all {@code threads}, and streaming memory
 * bandwidth. The cost model divides FLOPs and bytes by these.
 */
public record MachineSpeed(double gemmGflops1, double gemmGflopsAll, int threads, double bandwidthGBps) {

    public MachineSpeed {
        if (!(gemmGflops1 > 0) || !(gemmGflopsAll > 0) || !(bandwidthGBps > 0) || threads < 1) {
            throw new IllegalArgumentException("machine speeds must be positive: gemm1=" + gemmGflops1
                    + " gemmAll=" + gemmGflopsAll + " threads=" + threads + " bandwidth=" + bandwidthGBps);
        }
    }

    /** GEMM GFLOP/s at {@code t} threads, interpolated linearly between the two calibrated points. */
    public double gemmGflops(int t) {
        if (t <= 1 || threads == 1) {
            return gemmGflops1;
        }
        if (t >= threads) {
            return gemmGflopsAll;
        }
        return gemmGflops1 + (gemmGflopsAll - gemmGflops1) * (t - 1) / (threads - 1);
    }
}
