package org.walle.engine.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.walle.engine.ops.OpHarness.op;
import static org.walle.engine.ops.OpHarness.random;
import static org.walle.engine.ops.OpHarness.randomDims;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Every transform op's regions against a direct implementation (output index -> input index arithmetic, no
 * regions) on random shapes. Data movement is exact, so outputs must be bit-identical.
 */
class TransformOpsTest {
    private static final int TRIALS = 25;

    /** out[idx] = in[map(idx)], or {@code fill} where map returns null. */
    private static float[] direct(Tensor in, long[] outDims, Function<int[], int[]> map, float fill) {
        long[] inDims = in.getShape().dims();
        float[] out = new float[(int) Nd.size(outDims)];
        for (int i = 0; i < out.length; i++) {
            int[] src = map.apply(Nd.unravel(i, outDims));
            out[i] = src == null ? fill : in.get(Nd.ravel(src, inDims));
        }
        return out;
    }

    private static void check(float[] expected, long[] dims, Tensor actual) {
        assertEquals(Shape.of(dims), actual.getShape());
        assertArrayEquals(expected, actual.toFloatArray());
    }

    @Test
    void transposeMatchesDirectPermutation() {
        Random rnd = new Random(1);
        for (int t = 0; t < TRIALS; t++) {
            int rank = 1 + rnd.nextInt(6);
            Tensor x = random(rnd, randomDims(rnd, rank, 4));
            List<Integer> p = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, rank).boxed().toList());
            java.util.Collections.shuffle(p, rnd);
            long[] perm = p.stream().mapToLong(Integer::longValue).toArray();
            long[] out = new long[rank];
            for (int i = 0; i < rank; i++) {
                out[i] = x.getShape().get((int) perm[i]);
            }
            float[] expected = direct(x, out, idx -> {
                int[] src = new int[rank];
                for (int i = 0; i < rank; i++) {
                    src[(int) perm[i]] = idx[i];
                }
                return src;
            }, 0);
            check(expected, out, op("Transpose").in(x).attr("perm", perm).run());
        }
    }

    @Test
    void sliceWithNegativeStepsAndAxesMatchesDirect() {
        Random rnd = new Random(2);
        for (int t = 0; t < TRIALS; t++) {
            int rank = 1 + rnd.nextInt(4);
            long[] d = randomDims(rnd, rank, 6);
            Tensor x = random(rnd, d);
            int axis = rnd.nextInt(rank);
            long step = rnd.nextBoolean() ? 1 + rnd.nextInt(2) : -1 - rnd.nextInt(2);
            long start = rnd.nextInt((int) d[axis] + 2) - 1;
            long end = step > 0 ? d[axis] + 3 : -d[axis] - 3;
            long first = Math.max(step > 0 ? 0 : 0, Math.min(step > 0 ? d[axis] : d[axis] - 1,
                    start < 0 ? start + d[axis] : start));
            long count = step > 0 ? Math.max(0, (d[axis] - first + step - 1) / step) : (first + 1 + (-step) - 1) / (-step);
            long[] out = d.clone();
            out[axis] = count;
            float[] expected = direct(x, out, idx -> {
                int[] src = idx.clone();
                src[axis] = (int) (first + idx[axis] * step);
                return src;
            }, 0);
            Tensor y = op("Slice").in(x).constant(Tensor.ofLongs(Shape.of(1), start)).constant(Tensor.ofLongs(Shape.of(1), end))
                    .constant(Tensor.ofLongs(Shape.of(1), axis)).constant(Tensor.ofLongs(Shape.of(1), step)).run();
            check(expected, out, y);
        }
    }

    @Test
    void concatOfSeveralInputsMatchesDirect() {
        Random rnd = new Random(3);
        for (int t = 0; t < TRIALS; t++) {
            int rank = 1 + rnd.nextInt(4);
            long[] base = randomDims(rnd, rank, 4);
            int axis = rnd.nextInt(rank);
            int n = 2 + rnd.nextInt(3);
            OpHarness h = op("Concat").attr("axis", (long) axis - (rnd.nextBoolean() ? rank : 0));
            Tensor[] parts = new Tensor[n];
            long[] out = base.clone();
            out[axis] = 0;
            for (int i = 0; i < n; i++) {
                long[] d = base.clone();
                d[axis] = rnd.nextInt(3);
                parts[i] = random(rnd, d);
                out[axis] += d[axis];
                h.in(parts[i]);
            }
            float[] expected = new float[(int) Nd.size(out)];
            for (int i = 0; i < expected.length; i++) {
                int[] idx = Nd.unravel(i, out);
                int k = 0;
                int a = idx[axis];
                while (a >= parts[k].getShape().get(axis)) {
                    a -= (int) parts[k].getShape().get(axis);
                    k++;
                }
                int[] src = idx.clone();
                src[axis] = a;
                expected[i] = parts[k].get(Nd.ravel(src, parts[k].getShape().dims()));
            }
            check(expected, out, h.run());
        }
    }

    @Test
    void reshapeFamilyKeepsRowMajorOrder() {
        Random rnd = new Random(4);
        Tensor x = random(rnd, 2, 1, 3, 4);
        float[] flat = x.toFloatArray();
        check(flat, new long[] {6, 4}, op("Reshape").in(x).constant(Tensor.ofLongs(Shape.of(2), -1, 4)).run());
        check(flat, new long[] {2, 1, 3, 4}, op("Reshape").in(x).constant(Tensor.ofLongs(Shape.of(4), 0, 0, 3, -1)).run());
        check(flat, new long[] {2, 12}, op("Flatten").in(x).attr("axis", 1L).run());
        check(flat, new long[] {6, 4}, op("Flatten").in(x).attr("axis", -1L).run());
        check(flat, new long[] {2, 3, 4}, op("Squeeze").in(x).constant(Tensor.ofLongs(Shape.of(1), 1)).run());
        check(flat, new long[] {2, 3, 4}, op("Squeeze").in(x).run());
        check(flat, new long[] {1, 2, 1, 3, 4, 1}, op("Unsqueeze").in(x).constant(Tensor.ofLongs(Shape.of(2), 0, -1)).run());
    }

    @Test
    void expandAndTileMatchDirectBroadcasting() {
        Random rnd = new Random(5);
        for (int t = 0; t < TRIALS; t++) {
            int rank = 1 + rnd.nextInt(4);
            long[] d = randomDims(rnd, rank, 3);
            long[] target = new long[rank + 1];
            target[0] = 1 + rnd.nextInt(3);
            for (int i = 0; i < rank; i++) {
                target[i + 1] = d[i] == 1 ? 1 + rnd.nextInt(3) : d[i];
                if (rnd.nextInt(3) == 0) {
                    d[i] = 1;
                }
            }
            Tensor x = random(rnd, d);
            float[] expected = direct(x, target, idx -> {
                int[] src = new int[rank];
                for (int i = 0; i < rank; i++) {
                    src[i] = d[i] == 1 ? 0 : idx[i + 1];
                }
                return src;
            }, 0);
            check(expected, target, op("Expand").in(x).constant(Tensor.ofLongs(Shape.of(target.length), target)).run());

            long[] reps = randomDims(rnd, rank, 3);
            long[] tiled = new long[rank];
            for (int i = 0; i < rank; i++) {
                tiled[i] = d[i] * reps[i];
            }
            float[] tileExpected = direct(x, tiled, idx -> {
                int[] src = new int[rank];
                for (int i = 0; i < rank; i++) {
                    src[i] = (int) (idx[i] % d[i]);
                }
                return src;
            }, 0);
            check(tileExpected, tiled, op("Tile").in(x).constant(Tensor.ofLongs(Shape.of(rank), reps)).run());
        }
    }

    @Test
    void padModesMatchDirect() {
        Random rnd = new Random(6);
        for (String mode : List.of("constant", "edge", "reflect", "wrap")) {
            for (int t = 0; t < TRIALS; t++) {
                int rank = 1 + rnd.nextInt(3);
                long[] d = randomDims(rnd, rank, 4);
                for (int i = 0; i < rank; i++) {
                    d[i] += 1; // reflect needs two elements
                }
                Tensor x = random(rnd, d);
                long[] pads = new long[2 * rank];
                long[] out = d.clone();
                for (int i = 0; i < 2 * rank; i++) {
                    int limit = mode.equals("constant") ? 3 : (int) d[i % rank] - 1;
                    pads[i] = rnd.nextInt(limit + 1) - (mode.equals("constant") ? 1 : 0);
                    out[i % rank] += pads[i];
                }
                float fill = 2.5f;
                float[] expected = direct(x, out, idx -> {
                    int[] src = new int[rank];
                    for (int i = 0; i < rank; i++) {
                        long s = idx[i] - pads[i];
                        long n = d[i];
                        if (s < 0 || s >= n) {
                            switch (mode) {
                                case "constant" -> {
                                    return null;
                                }
                                case "edge" -> s = s < 0 ? 0 : n - 1;
                                case "reflect" -> s = s < 0 ? -s : 2 * (n - 1) - s;
                                default -> s = Math.floorMod(s, n);
                            }
                        }
                        src[i] = (int) s;
                    }
                    return src;
                }, fill);
                OpHarness h = op("Pad").in(x).constant(Tensor.ofLongs(Shape.of(pads.length), pads)).attr("mode", mode);
                if (mode.equals("constant")) {
                    h.constant(Tensor.of(Shape.scalar(), fill));
                }
                check(expected, out, h.run());
            }
        }
    }

    @Test
    void gatherWithConstantAndRuntimeIndicesMatchesDirect() {
        Random rnd = new Random(7);
        for (int t = 0; t < TRIALS; t++) {
            int rank = 1 + rnd.nextInt(3);
            long[] d = randomDims(rnd, rank, 4);
            int axis = rnd.nextInt(rank);
            Tensor x = random(rnd, d);
            long[] idx = new long[1 + rnd.nextInt(4)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = rnd.nextInt((int) d[axis]) - (rnd.nextBoolean() ? d[axis] : 0);
            }
            Tensor indices = Tensor.ofLongs(Shape.of(idx.length), idx);
            long[] out = d.clone();
            out[axis] = idx.length;
            float[] expected = direct(x, out, o -> {
                int[] src = o.clone();
                src[axis] = (int) Math.floorMod(idx[o[axis]], d[axis]);
                return src;
            }, 0);
            check(expected, out, op("Gather").in(x).constant(indices).attr("axis", (long) axis).run());
            check(expected, out, op("Gather").in(x).in(indices).attr("axis", (long) axis).run());
        }
    }

    @Test
    void depthToSpaceAndBackIsIdentityAndMatchesDirect() {
        Random rnd = new Random(8);
        for (int t = 0; t < TRIALS; t++) {
            long bs = 1 + rnd.nextInt(3);
            long n = 1 + rnd.nextInt(2);
            long c = 1 + rnd.nextInt(3);
            long h = 1 + rnd.nextInt(3);
            long w = 1 + rnd.nextInt(3);
            Tensor x = random(rnd, n, c * bs * bs, h, w);
            long[] out = {n, c, h * bs, w * bs};
            for (String mode : List.of("DCR", "CRD")) {
                float[] expected = direct(x, out, o -> {
                    int b1 = (int) (o[2] % bs);
                    int b2 = (int) (o[3] % bs);
                    int ch = mode.equals("DCR") ? (int) ((b1 * bs + b2) * c + o[1]) : (int) ((o[1] * bs + b1) * bs + b2);
                    return new int[] {o[0], ch, (int) (o[2] / bs), (int) (o[3] / bs)};
                }, 0);
                Tensor y = op("DepthToSpace").in(x).attr("blocksize", bs).attr("mode", mode).run();
                check(expected, out, y);
                if (mode.equals("DCR")) {
                    Tensor back = op("SpaceToDepth").in(y).attr("blocksize", bs).run();
                    check(x.toFloatArray(), x.getShape().dims(), back);
                }
            }
        }
    }

    @Test
    void splitPartsConcatenateBackToTheInput() {
        Random rnd = new Random(9);
        for (int t = 0; t < TRIALS; t++) {
            int rank = 1 + rnd.nextInt(3);
            long[] d = randomDims(rnd, rank, 5);
            int axis = rnd.nextInt(rank);
            Tensor x = random(rnd, d);
            long first = rnd.nextInt((int) d[axis] + 1);
            List<Tensor> parts = op("Split").in(x).constant(Tensor.ofLongs(Shape.of(2), first, d[axis] - first))
                    .attr("axis", (long) axis).outputs(2).runAll();
            for (int p = 0; p < 2; p++) {
                long off = p == 0 ? 0 : first;
                long[] pd = d.clone();
                pd[axis] = p == 0 ? first : d[axis] - first;
                float[] expected = direct(x, pd, o -> {
                    int[] src = o.clone();
                    src[axis] += (int) off;
                    return src;
                }, 0);
                check(expected, pd, parts.get(p));
            }
        }
    }
}
