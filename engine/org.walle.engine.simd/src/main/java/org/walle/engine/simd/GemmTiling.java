package org.walle.engine.simd;

import org.walle.engine.simd.internal.CacheSizes;
import org.walle.engine.simd.internal.GemmKernel;

/**
 * Cache blocking of the packed GEMM: {@code kc} rows of B are packed per pass (one {@code kc x NR} panel must stay in
 * L1 while the micro-kernel streams it) and {@code mc} rows of A are processed per block (an {@code mc x kc} block
 * of A must stay in L2 while every panel passes over it).
 */
public record GemmTiling(int mc, int kc) {

    private static final int[] KC_CANDIDATES = {64, 96, 128, 192, 256, 384, 512};
    private static final int[] MC_CANDIDATES = {16, 32, 48, 64, 96, 128, 192, 256};

    public GemmTiling {
        if (mc < 1 || kc < 1) {
            throw new IllegalArgumentException("tile sizes must be >= 1: mc=" + mc + " kc=" + kc);
        }
    }

    /** The tiling with the least modelled memory traffic among those whose working sets fit the caches. */
    public static GemmTiling choose(int m, int n, int k) {
        // kernels ask at every run; the search over 56 candidates costs microseconds, a lookup nanoseconds
        return CHOSEN.computeIfAbsent(new Dims(m, n, k), d -> choose(m, n, k, CacheSizes.detected()));
    }

    private record Dims(int m, int n, int k) {
    }

    private static final java.util.Map<Dims, GemmTiling> CHOSEN = new java.util.concurrent.ConcurrentHashMap<>();

    public static GemmTiling choose(int m, int n, int k, CacheSizes caches) {
        GemmTiling best = null;
        double bestBytes = Double.MAX_VALUE;
        for (int kcRaw : KC_CANDIDATES) {
            int kc = Math.min(kcRaw, Math.max(1, k));
            if ((long) kc * GemmKernel.NR * 4 > caches.l1Bytes() * 3L / 4 && kcRaw != KC_CANDIDATES[0]) {
                continue;
            }
            for (int mcRaw : MC_CANDIDATES) {
                int mc = Math.min(mcRaw, Math.max(1, m));
                if ((long) mc * kc * 4 > caches.l2Bytes() / 2 && mcRaw != MC_CANDIDATES[0]) {
                    continue;
                }
                GemmTiling t = new GemmTiling(mc, kc);
                double bytes = CostModel.gemm(m, n, k, t).bytes();
                // ties go to the larger blocks: fewer loop overheads at equal traffic
                if (bytes <= bestBytes) {
                    bestBytes = bytes;
                    best = t;
                }
            }
        }
        return best;
    }
}
