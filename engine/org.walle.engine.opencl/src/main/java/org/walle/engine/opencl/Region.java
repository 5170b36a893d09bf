package org.walle.engine.opencl;

import java.util.Arrays;

/**
 * A Raster region (DESIGN.md section 1a): for z, y, x in {@code size}:
 * {@code dst[dstOffset + z*dstStride[0] + y*dstStride[1] + x*dstStride[2]] =
 * src[srcOffset + z*srcStride[0] + y*srcStride[1] + x*srcStride[2]]}.
 */
public record Region(int srcOffset, int[] srcStride, int dstOffset, int[] dstStride, int[] size) {

    public Region {
        if (srcStride.length != 3 || dstStride.length != 3 || size.length != 3) {
            throw new IllegalArgumentException("region strides and size need 3 entries: src "
                    + Arrays.toString(srcStride) + " dst " + Arrays.toString(dstStride) + " size "
                    + Arrays.toString(size));
        }
        for (int s : size) {
            if (s < 0) {
                throw new IllegalArgumentException("region size must be >= 0: " + Arrays.toString(size));
            }
        }
        srcStride = srcStride.clone();
        dstStride = dstStride.clone();
        size = size.clone();
    }

    /** The largest element index the region touches in a buffer with this offset and stride (-1 if empty). */
    static long maxIndex(int offset, int[] stride, int[] size) {
        long max = offset;
        for (int d = 0; d < 3; d++) {
            if (size[d] == 0) {
                return -1;
            }
            max += (long) Math.max(0, stride[d]) * (size[d] - 1);
        }
        return max;
    }

    static long minIndex(int offset, int[] stride, int[] size) {
        long min = offset;
        for (int d = 0; d < 3; d++) {
            min += (long) Math.min(0, stride[d]) * (size[d] - 1);
        }
        return min;
    }

    public long elements() {
        return (long) size[0] * size[1] * size[2];
    }
}
