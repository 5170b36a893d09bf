package org.walle.engine.simd;

/**
 * The estimated cost of one kernel run: arithmetic ({@code flops}) done at {@code efficiency} times the calibrated
 * GEMM speed, plus {@code bytes} of memory traffic at the calibrated bandwidth. The two terms are added, not
 * overlapped: a deliberately pessimistic model that ranks algorithms correctly when one of them is memory bound.
 */
public record Cost(double flops, double bytes, double efficiency) {

    public Cost {
        if (flops < 0 || bytes < 0 || !(efficiency > 0 && efficiency <= 1)) {
            throw new IllegalArgumentException("bad cost: flops=" + flops + " bytes=" + bytes + " efficiency="
                    + efficiency);
        }
    }

    public static Cost of(double flops, double bytes, double efficiency) {
        return new Cost(flops, bytes, efficiency);
    }

    public double seconds(MachineSpeed speed, int threads) {
        return flops / (efficiency * speed.gemmGflops(threads) * 1e9) + bytes / (speed.bandwidthGBps() * 1e9);
    }

    /** Sums two costs; the efficiency of the sum is the FLOP-weighted harmonic mean so seconds() stays additive. */
    public Cost plus(Cost other) {
        double f = flops + other.flops;
        double eff = f == 0 ? 1 : f / (flops / efficiency + other.flops / other.efficiency);
        return new Cost(f, bytes + other.bytes, Math.min(1, eff));
    }
}
