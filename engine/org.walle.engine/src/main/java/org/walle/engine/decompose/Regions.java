package org.walle.engine.decompose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds regions from N-d strided copies and composes them (vertical merge). A region has 3 dims; an N-d copy that
 * does not coalesce to 3 dims becomes several regions, one per index of its outer dims.
 */
public final class Regions {
    private Regions() {
    }

    /**
     * Regions for: for every index i of {@code sizes}, {@code dst[dstOff + i.dstStrides] = src[srcOff + i.srcStrides]}.
     */
    public static List<Region> strided(int source, int srcOff, long[] srcStrides, int dstOff, long[] dstStrides,
            long[] sizes) {
        List<long[]> dims = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == 0) {
                return List.of();
            }
            dims.add(new long[] {sizes[i], srcStrides[i], dstStrides[i]});
        }
        dims = coalesce(dims);
        List<Region> out = new ArrayList<>();
        int outerDims = Math.max(0, dims.size() - 3);
        List<long[]> inner = dims.subList(outerDims, dims.size());
        int[] size = {1, 1, 1};
        int[] ss = {0, 0, 0};
        int[] ds = {0, 0, 0};
        int pad = 3 - inner.size();
        for (int i = 0; i < inner.size(); i++) {
            size[pad + i] = Math.toIntExact(inner.get(i)[0]);
            ss[pad + i] = Math.toIntExact(inner.get(i)[1]);
            ds[pad + i] = Math.toIntExact(inner.get(i)[2]);
        }
        long[] idx = new long[outerDims];
        while (true) {
            long so = srcOff;
            long dof = dstOff;
            for (int i = 0; i < outerDims; i++) {
                so += idx[i] * dims.get(i)[1];
                dof += idx[i] * dims.get(i)[2];
            }
            out.add(new Region(source, new View(Math.toIntExact(so), ss), new View(Math.toIntExact(dof), ds), size));
            int d = outerDims - 1;
            while (d >= 0 && ++idx[d] == dims.get(d)[0]) {
                idx[d--] = 0;
            }
            if (d < 0) {
                return out;
            }
        }
    }

    /** Row-major strides of a shape. */
    public static long[] contiguousStrides(long[] dims) {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** Drops size-1 dims and merges neighbours that step through memory as one dim on both sides. */
    static List<long[]> coalesce(List<long[]> dims) {
        List<long[]> out = new ArrayList<>();
        for (long[] d : dims) {
            if (d[0] == 1) {
                continue;
            }
            if (!out.isEmpty()) {
                long[] prev = out.get(out.size() - 1);
                if (prev[1] == d[1] * d[0] && prev[2] == d[2] * d[0]) {
                    out.set(out.size() - 1, new long[] {prev[0] * d[0], d[1], d[2]});
                    continue;
                }
            }
            out.add(d.clone());
        }
        return out;
    }

    /**
     * Vertical merge: {@code outer} reads a virtual tensor that is itself {@code inner}, one region filling it
     * densely in row-major order. Returns the single region reading {@code inner}'s source directly, or empty when
     * that would need more than 3 dims (or {@code inner} is not a dense row-major fill of {@code innerElements}).
     */
    public static Optional<Region> compose(Region outer, Region inner, long innerElements) {
        List<long[]> aDims = innerDims(inner, innerElements);
        if (aDims == null) {
            return Optional.empty();
        }
        int n = aDims.size();
        long[] flat = new long[n];
        long acc = 1;
        for (int i = n - 1; i >= 0; i--) {
            flat[i] = acc;
            acc *= aDims.get(i)[0];
        }
        long off = outer.src().offset();
        long[] coord = new long[n];
        for (int i = 0; i < n; i++) {
            coord[i] = (off / flat[i]) % aDims.get(i)[0];
        }
        long[] used = new long[n];
        List<long[]> dims = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            long size = outer.size()[j];
            if (size == 1) {
                continue;
            }
            if (!split(size, outer.src().stride()[j], outer.dst().stride()[j], aDims, flat, coord, used, dims)) {
                return Optional.empty();
            }
        }
        for (int i = 0; i < n; i++) {
            if (coord[i] + used[i] >= aDims.get(i)[0]) {
                return Optional.empty();
            }
        }
        long srcOff = inner.src().offset();
        for (int i = 0; i < n; i++) {
            srcOff += coord[i] * aDims.get(i)[1];
        }
        dims = coalesce(dims);
        if (dims.size() > 3) {
            return Optional.empty();
        }
        List<Region> r = strided(inner.source(), Math.toIntExact(srcOff), column(dims, 1), outer.dst().offset(),
                column(dims, 2), column(dims, 0));
        return r.size() == 1 ? Optional.of(r.get(0)) : Optional.empty();
    }

    /** Maps one outer dim (size, stride into the virtual tensor) onto inner dims; false if it crosses a carry. */
    private static boolean split(long size, long stride, long dstStride, List<long[]> aDims, long[] flat, long[] coord,
            long[] used, List<long[]> out) {
        if (stride == 0) {
            out.add(new long[] {size, 0, dstStride});
            return true;
        }
        for (int i = 0; i < flat.length; i++) {
            if (stride < flat[i] || stride % flat[i] != 0) {
                continue;
            }
            long m = stride / flat[i];
            long extent = aDims.get(i)[0];
            if (m * (size - 1) + coord[i] + used[i] < extent) {
                used[i] += m * (size - 1);
                out.add(new long[] {size, m * aDims.get(i)[1], dstStride});
                return true;
            }
            // a unit step running past this inner dim continues in the next-outer one: split the outer dim
            if (m == 1 && coord[i] == 0 && used[i] == 0 && size % extent == 0 && i > 0) {
                used[i] = extent - 1;
                long[] tail = new long[] {extent, aDims.get(i)[1], dstStride};
                List<long[]> head = new ArrayList<>();
                if (!split(size / extent, flat[i - 1], dstStride * extent, aDims, flat, coord, used, head)) {
                    return false;
                }
                out.addAll(head);
                out.add(tail);
                return true;
            }
            return false;
        }
        return false;
    }

    /** The inner region's dims as {size, srcStride} pairs when its destination is a dense row-major fill. */
    private static List<long[]> innerDims(Region inner, long elements) {
        if (inner.dst().offset() != 0 || inner.elements() != elements) {
            return null;
        }
        List<long[]> dims = new ArrayList<>();
        long expect = 1;
        for (int j = 2; j >= 0; j--) {
            int size = inner.size()[j];
            if (size == 1) {
                continue;
            }
            if (inner.dst().stride()[j] != expect) {
                return null;
            }
            expect *= size;
            dims.add(0, new long[] {size, inner.src().stride()[j], expect / size});
        }
        List<long[]> merged = new ArrayList<>();
        for (long[] d : dims) {
            if (!merged.isEmpty()) {
                long[] prev = merged.get(merged.size() - 1);
                if (prev[1] == d[1] * d[0]) {
                    merged.set(merged.size() - 1, new long[] {prev[0] * d[0], d[1]});
                    continue;
                }
            }
            merged.add(new long[] {d[0], d[1]});
        }
        if (merged.isEmpty()) {
            merged.add(new long[] {1, 0});
        }
        return merged;
    }

    /** Whether a region copies {@code elements} elements densely, index for index, from offset 0 to offset 0. */
    public static boolean isIdentity(Region r, long elements) {
        if (r.elements() != elements || r.src().offset() != 0 || r.dst().offset() != 0) {
            return false;
        }
        List<long[]> dims = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            dims.add(new long[] {r.size()[j], r.src().stride()[j], r.dst().stride()[j]});
        }
        dims = coalesce(dims);
        return dims.isEmpty() || (dims.size() == 1 && dims.get(0)[1] == 1 && dims.get(0)[2] == 1);
    }

    /**
     * When a region writes {@code elements} elements densely from offset 0 and reads a block of its source again and
     * again ({@code dst[o, m, i] = src[m]}), the sizes {outer, mid, inner} of that repetition; else empty. A dense
     * copy is not a repetition.
     */
    public static Optional<int[]> repetition(Region r, long elements) {
        if (r.elements() != elements || r.src().offset() != 0 || r.dst().offset() != 0) {
            return Optional.empty();
        }
        int[] size = r.size();
        int[] src = r.src().stride();
        int[] dst = r.dst().stride();
        long dense = 1;
        long readStride = -1;
        int first = -1;
        int last = -1;
        for (int d = 2; d >= 0; d--) {
            if (size[d] == 1) {
                continue;
            }
            if (dst[d] != dense) {
                return Optional.empty();
            }
            dense *= size[d];
            if (src[d] != 0) {
                boolean adjacent = last < 0 || (first == d + 1 || allUnit(size, d + 1, first));
                if (readStride < 0 ? src[d] != 1 : src[d] != readStride || !adjacent) {
                    return Optional.empty();
                }
                readStride = (long) src[d] * size[d];
                last = last < 0 ? d : last;
                first = d;
            }
        }
        if (first < 0) {
            return Optional.of(new int[] {1, 1, (int) elements});
        }
        int outer = product(size, 0, first);
        int mid = product(size, first, last + 1);
        int inner = product(size, last + 1, 3);
        return mid == elements ? Optional.empty() : Optional.of(new int[] {outer, mid, inner});
    }

    private static boolean allUnit(int[] size, int from, int to) {
        for (int d = from; d < to; d++) {
            if (size[d] != 1) {
                return false;
            }
        }
        return true;
    }

    private static int product(int[] size, int from, int to) {
        int p = 1;
        for (int d = from; d < to; d++) {
            p *= size[d];
        }
        return p;
    }

    private static long[] column(List<long[]> dims, int c) {
        long[] out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i)[c];
        }
        return out;
    }
}
