package org.walle.engine.decompose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Region construction and vertical merging against applying the copies one after the other. */
class RegionsTest {

    static void apply(Region r, float[] src, float[] dst) {
        int[] s = r.size();
        for (int z = 0; z < s[0]; z++) {
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[2]; x++) {
                    dst[r.dst().index(z, y, x)] = src[r.src().index(z, y, x)];
                }
            }
        }
    }

    private static float[] iota(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i + 1;
        }
        return a;
    }

    @Test
    void stridedCopyOfSixDimsBecomesSeveralThreeDimRegions() {
        long[] dims = {2, 3, 2, 2, 3, 2};
        long[] in = Regions.contiguousStrides(dims);
        // reverse the axes: a transpose no coalescing can flatten below 6 dims
        long[] outDims = {2, 3, 2, 2, 3, 2};
        long[] src = {in[5], in[4], in[3], in[2], in[1], in[0]};
        List<Region> regions = Regions.strided(0, 0, src, 0, Regions.contiguousStrides(outDims), outDims);
        assertEquals(2 * 3 * 2, regions.size(), "outer three dims loop, inner three form a region");
        float[] s = iota(144);
        float[] d = new float[144];
        regions.forEach(r -> apply(r, s, d));
        for (int i = 0; i < 144; i++) {
            int[] idx = org.walle.engine.ops.Nd.unravel(i, outDims);
            int[] rev = {idx[5], idx[4], idx[3], idx[2], idx[1], idx[0]};
            assertEquals(s[org.walle.engine.ops.Nd.ravel(rev, new long[] {2, 3, 2, 2, 3, 2})], d[i]);
        }
    }

    @Test
    void contiguousCopiesCoalesceToOneDim() {
        List<Region> r = Regions.strided(0, 0, new long[] {12, 4, 1}, 0, new long[] {12, 4, 1}, new long[] {2, 3, 4});
        assertEquals(1, r.size());
        assertTrue(Regions.isIdentity(r.get(0), 24));
    }

    /** Random transpose-of-slice chains: a composed region, when one exists, copies exactly what the chain copies. */
    @Test
    void composedRegionsEqualTheChainAndWideOnesAreRefused() {
        Random rnd = new Random(11);
        int merged = 0;
        int refused = 0;
        for (int t = 0; t < 400; t++) {
            long[] sd = {1 + rnd.nextInt(4), 1 + rnd.nextInt(4), 1 + rnd.nextInt(4)};
            float[] s = iota((int) (sd[0] * sd[1] * sd[2]));
            Region inner = transpose(sd, rnd, 0);
            float[] a = new float[s.length];
            apply(inner, s, a);
            long[] ad = dims(inner);
            Region outer = t % 2 == 0 ? sliceThenTranspose(ad, rnd) : reshapeThenTranspose(s.length, rnd);
            float[] b1 = new float[(int) outer.elements()];
            apply(outer, a, b1);
            Optional<Region> c = Regions.compose(outer, inner, s.length);
            if (c.isPresent()) {
                float[] b2 = new float[b1.length];
                apply(c.get(), s, b2);
                assertArrayEquals(b1, b2, "trial " + t + ": " + outer + " over " + inner);
                merged++;
            } else {
                refused++;
            }
        }
        assertTrue(merged > 100, "most chains merge, got " + merged);
        assertTrue(refused > 0, "some chains need more than 3 dims");
    }

    private static long[] dims(Region r) {
        return new long[] {r.size()[0], r.size()[1], r.size()[2]};
    }

    private static Region transpose(long[] d, Random rnd, int source) {
        long[] st = Regions.contiguousStrides(d);
        List<Integer> p = new ArrayList<>(List.of(0, 1, 2));
        Collections.shuffle(p, rnd);
        long[] out = new long[3];
        long[] src = new long[3];
        for (int i = 0; i < 3; i++) {
            out[i] = d[p.get(i)];
            src[i] = st[p.get(i)];
        }
        long[] ost = Regions.contiguousStrides(out);
        int[] ss = {(int) src[0], (int) src[1], (int) src[2]};
        int[] ds = {(int) ost[0], (int) ost[1], (int) ost[2]};
        return new Region(source, new View(0, ss), new View(0, ds), new int[] {(int) out[0], (int) out[1], (int) out[2]});
    }

    /** Views the flat tensor as a random other 3-d shape and transposes it: dims that straddle inner dims split. */
    private static Region reshapeThenTranspose(int n, Random rnd) {
        List<Integer> divisors = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            if (n % k == 0) {
                divisors.add(k);
            }
        }
        long a = divisors.get(rnd.nextInt(divisors.size()));
        List<Integer> rest = new ArrayList<>();
        for (int k = 1; k <= n / a; k++) {
            if ((n / a) % k == 0) {
                rest.add(k);
            }
        }
        long b = rest.get(rnd.nextInt(rest.size()));
        return transpose(new long[] {a, b, n / a / b}, rnd, 0);
    }

    private static Region sliceThenTranspose(long[] d, Random rnd) {
        long[] st = Regions.contiguousStrides(d);
        long[] start = new long[3];
        long[] step = new long[3];
        long[] count = new long[3];
        long off = 0;
        for (int i = 0; i < 3; i++) {
            start[i] = rnd.nextInt((int) d[i]);
            step[i] = 1 + rnd.nextInt(2);
            count[i] = Math.max(1, (d[i] - start[i] + step[i] - 1) / step[i]);
            off += start[i] * st[i];
        }
        List<Integer> p = new ArrayList<>(List.of(0, 1, 2));
        Collections.shuffle(p, rnd);
        int[] size = new int[3];
        int[] src = new int[3];
        for (int i = 0; i < 3; i++) {
            size[i] = (int) count[p.get(i)];
            src[i] = (int) (st[p.get(i)] * step[p.get(i)]);
        }
        int[] dst = {size[1] * size[2], size[2], 1};
        return new Region(0, new View((int) off, src), new View(0, dst), size);
    }

    @Test
    void repetitionNamesTheBlockABroadcastRegionReadsAgain() {
        // [C,1,1] -> [1,C,H,W]: a per-channel plane; a scalar; a row repeated down the rows; a [C,1] under batches
        assertRepetition(new long[] {1, 4, 3, 5}, new long[] {0, 1, 0, 0}, 4, new int[] {1, 4, 15});
        assertRepetition(new long[] {2, 3, 4}, new long[] {0, 0, 0}, 1, new int[] {1, 1, 24});
        assertRepetition(new long[] {6, 7}, new long[] {0, 1}, 7, new int[] {6, 7, 1});
        assertRepetition(new long[] {2, 3, 4, 5}, new long[] {0, 4, 1, 0}, 12, new int[] {2, 12, 5});
    }

    private static void assertRepetition(long[] dims, long[] srcStride, int srcElements, int[] expected) {
        List<Region> regions = Regions.strided(0, 0, srcStride, 0, Regions.contiguousStrides(dims), dims);
        assertEquals(1, regions.size());
        int n = Math.toIntExact(java.util.Arrays.stream(dims).reduce(1, (a, b) -> a * b));
        int[] got = Regions.repetition(regions.get(0), n).orElseThrow();
        assertArrayEquals(expected, got);
        float[] src = iota(srcElements);
        float[] dst = new float[n];
        apply(regions.get(0), src, dst);
        for (int i = 0; i < n; i++) {
            assertEquals(src[(i / got[2]) % got[1]], dst[i], "element " + i);
        }
    }

    @Test
    void copiesTransposesAndGappedReadsAreNoRepetition() {
        // a dense copy, a transpose, a read with a zero-stride dim between two read dims, an offset source
        assertTrue(Regions.repetition(Region.of(0, View.of(0, 0, 0, 1), View.of(0, 0, 0, 1), 1, 1, 12), 12).isEmpty());
        assertTrue(Regions.repetition(Region.of(0, View.of(0, 0, 1, 3), View.of(0, 0, 4, 1), 1, 3, 4), 12).isEmpty());
        assertTrue(Regions.repetition(Region.of(0, View.of(0, 2, 0, 1), View.of(0, 12, 2, 1), 3, 6, 2), 36).isEmpty());
        assertTrue(Regions.repetition(Region.of(0, View.of(1, 0, 1, 0), View.of(0, 0, 4, 1), 1, 3, 4), 12).isEmpty());
        assertTrue(Regions.repetition(Region.of(0, View.of(0, 0, 1, 0), View.of(0, 0, 4, 1), 1, 3, 4), 24).isEmpty(),
                "a region that writes part of the tensor");
    }
}
