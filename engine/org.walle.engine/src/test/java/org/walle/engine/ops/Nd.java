package org.walle.engine.ops;

/** Row-major index arithmetic for direct (region-free) reference implementations in tests. */
public final class Nd {
    private Nd() {
    }

    public static int[] unravel(long flat, long[] dims) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = (int) (flat % dims[i]);
            flat /= dims[i];
        }
        return idx;
    }

    public static int ravel(int[] idx, long[] dims) {
        long flat = 0;
        for (int i = 0; i < dims.length; i++) {
            flat = flat * dims[i] + idx[i];
        }
        return (int) flat;
    }

    public static long size(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }
}
