package org.walle.engine.decompose;

import java.util.Arrays;

/**
 * One block copy of a Raster: for z,y,x in size, {@code dst[dst.index(z,y,x)] = src[src.index(z,y,x)]}.
 * {@code source} says which of the raster's source tensors the region reads.
 */
public record Region(int source, View src, View dst, int[] size) {
    public Region {
        if (size.length != 3) {
            throw new IllegalArgumentException("a region has 3 sizes, got " + Arrays.toString(size));
        }
        for (int s : size) {
            if (s < 0) {
                throw new IllegalArgumentException("negative region size " + Arrays.toString(size));
            }
        }
        size = size.clone();
    }

    public static Region of(int source, View src, View dst, int z, int y, int x) {
        return new Region(source, src, dst, new int[] {z, y, x});
    }

    @Override
    public int[] size() {
        return size.clone();
    }

    public long elements() {
        return (long) size[0] * size[1] * size[2];
    }

    /** The same copy reading another source tensor (used when regions of several rasters are merged). */
    public Region withSource(int newSource) {
        return new Region(newSource, src, dst, size);
    }

    public Region withSrc(View newSrc) {
        return new Region(source, newSrc, dst, size);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Region r && r.source == source && r.src.equals(src) && r.dst.equals(dst)
                && Arrays.equals(r.size, size);
    }

    @Override
    public int hashCode() {
        return (source * 31 + src.hashCode()) * 31 + dst.hashCode() * 7 + Arrays.hashCode(size);
    }

    @Override
    public String toString() {
        return "Region{src#" + source + src + " -> dst" + dst + " size=" + Arrays.toString(size) + "}";
    }
}
