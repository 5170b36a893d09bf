package org.walle.engine.simd.backend;

import java.util.Arrays;

import org.walle.engine.decompose.Region;

/**
 * One RASTER region with its sizes and strides unpacked into fields (Region's accessors clone their arrays) and
 * the fastest copy shape chosen once: {@code dst[d + z*ds0 + y*ds1 + x*ds2] = src[s + z*ss0 + y*ss1 + x*ss2]}.
 */
record CopyPlan(int source, Kind kind, int n0, int n1, int n2, int so, int ss0, int ss1, int ss2, int dOff, int ds0,
        int ds1, int ds2) {

    /** Tile edge of the blocked transpose: 16 x 16 floats = 1 KB per side, well inside L1. */
    static final int BLOCK = 16;

    enum Kind {
        /** Source x stride 0, target x stride 1: each row is one {@link Arrays#fill}. */
        BROADCAST_ROWS,
        /** Unit x strides on both sides: each row is one {@link System#arraycopy}. */
        ROWS,
        /** Target x stride 1, source y stride 1: a transpose of the (y, x) plane, copied in cache blocks. */
        TRANSPOSE,
        /** Anything else: an index loop. */
        STRIDED
    }

    static CopyPlan of(Region r) {
        int[] size = r.size();
        int[] ss = r.src().stride();
        int[] ds = r.dst().stride();
        int n0 = size[0];
        int n1 = size[1];
        int n2 = size[2];
        int s0 = ss[0];
        int s1 = ss[1];
        int s2 = ss[2];
        int d0 = ds[0];
        int d1 = ds[1];
        int d2 = ds[2];
        // merge y into x, then z into y, where both sides are contiguous: fewer and longer runs
        if (n1 > 1 && d2 == 1 && d1 == n2 && (s2 == 1 && s1 == n2 || s2 == 0 && s1 == 0)) {
            n2 *= n1;
            n1 = 1;
            s1 = 0;
            d1 = 0;
        }
        if (n0 > 1 && n1 == 1 && d2 == 1 && d0 == n2 && (s2 == 1 && s0 == n2 || s2 == 0 && s0 == 0)) {
            n2 *= n0;
            n0 = 1;
            s0 = 0;
            d0 = 0;
        }
        Kind kind;
        if (d2 == 1 && s2 == 0) {
            kind = Kind.BROADCAST_ROWS;
        } else if (d2 == 1 && s2 == 1) {
            kind = Kind.ROWS;
        } else if (d2 == 1 && s1 == 1 && n1 >= BLOCK && n2 >= BLOCK) {
            kind = Kind.TRANSPOSE;
        } else {
            kind = Kind.STRIDED;
        }
        return new CopyPlan(r.source(), kind, n0, n1, n2, r.src().offset(), s0, s1, s2, r.dst().offset(), d0, d1,
                d2);
    }

    /** Runs the copy; {@code srcBase}/{@code dstBase} are the operands' offsets in their arrays. */
    void copy(float[] src, int srcBase, float[] dst, int dstBase) {
        int s0 = srcBase + so;
        int d0 = dstBase + dOff;
        for (int z = 0; z < n0; z++) {
            int sz = s0 + z * ss0;
            int dz = d0 + z * ds0;
            switch (kind) {
                case BROADCAST_ROWS -> {
                    for (int y = 0; y < n1; y++) {
                        int d = dz + y * ds1;
                        Arrays.fill(dst, d, d + n2, src[sz + y * ss1]);
                    }
                }
                case ROWS -> {
                    for (int y = 0; y < n1; y++) {
                        System.arraycopy(src, sz + y * ss1, dst, dz + y * ds1, n2);
                    }
                }
                case TRANSPOSE -> transpose(src, sz, dst, dz);
                default -> strided(src, sz, dst, dz);
            }
        }
    }

    /** src[y + x*ss2] -> dst[y*ds1 + x]: blocks keep both the read columns and the written rows in L1. */
    private void transpose(float[] src, int s, float[] dst, int d) {
        for (int y0 = 0; y0 < n1; y0 += BLOCK) {
            int y1 = Math.min(n1, y0 + BLOCK);
            for (int x0 = 0; x0 < n2; x0 += BLOCK) {
                int x1 = Math.min(n2, x0 + BLOCK);
                for (int y = y0; y < y1; y++) {
                    int dRow = d + y * ds1;
                    int sCol = s + y;
                    for (int x = x0; x < x1; x++) {
                        dst[dRow + x] = src[sCol + x * ss2];
                    }
                }
            }
        }
    }

    private void strided(float[] src, int s, float[] dst, int d) {
        for (int y = 0; y < n1; y++) {
            int sy = s + y * ss1;
            int dy = d + y * ds1;
            for (int x = 0; x < n2; x++) {
                dst[dy + x * ds2] = src[sy + x * ss2];
            }
        }
    }
}
