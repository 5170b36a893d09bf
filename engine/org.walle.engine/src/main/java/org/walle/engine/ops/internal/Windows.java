package org.walle.engine.ops.internal;

import org.walle.engine.ops.OpContext;

/** Sliding-window geometry shared by Conv and the pools: kernel, strides, dilations, resolved pads, output size. */
record Windows(int[] kernel, int[] strides, int[] dilations, int[] padsBegin, int[] padsEnd, long[] out) {

    /**
     * @param in      spatial input dims
     * @param kernel  kernel dims (from the attribute or the weight)
     * @param ceil    ceil_mode of the pools
     */
    static Windows of(OpContext ctx, long[] in, int[] kernel, boolean ceil) {
        int sp = in.length;
        int[] strides = ints(ctx.attrInts("strides"), sp, 1);
        int[] dil = ints(ctx.attrInts("dilations"), sp, 1);
        int[] pads = ints(ctx.attrInts("pads"), 2 * sp, 0);
        String auto = ctx.attrString("auto_pad", "NOTSET");
        int[] pb = new int[sp];
        int[] pe = new int[sp];
        long[] out = new long[sp];
        for (int i = 0; i < sp; i++) {
            if (kernel[i] <= 0 || strides[i] <= 0 || dil[i] <= 0) {
                throw ctx.error("kernel, strides and dilations must be positive");
            }
            long span = (long) dil[i] * (kernel[i] - 1) + 1;
            if (auto.equals("SAME_UPPER") || auto.equals("SAME_LOWER")) {
                out[i] = (in[i] + strides[i] - 1) / strides[i];
                long total = Math.max(0, (out[i] - 1) * strides[i] + span - in[i]);
                int small = (int) (total / 2);
                pb[i] = auto.equals("SAME_UPPER") ? small : (int) total - small;
                pe[i] = (int) total - pb[i];
                continue;
            }
            if (!auto.equals("VALID")) {
                pb[i] = pads[i];
                pe[i] = pads[sp + i];
            }
            long room = in[i] + pb[i] + pe[i] - span;
            if (room < 0) {
                throw ctx.error("window of " + span + " does not fit padded axis of " + (in[i] + pb[i] + pe[i]));
            }
            out[i] = (ceil ? (room + strides[i] - 1) / strides[i] : room / strides[i]) + 1;
            if (ceil && (out[i] - 1) * strides[i] >= in[i] + pb[i]) {
                out[i]--; // the last window would start in the end padding only
            }
        }
        return new Windows(kernel, strides, dil, pb, pe, out);
    }

    static int[] ints(long[] v, int n, int fallback) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = v == null || v.length == 0 ? fallback : (int) v[i];
        }
        return out;
    }
}
