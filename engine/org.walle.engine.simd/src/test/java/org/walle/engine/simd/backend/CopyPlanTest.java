package org.walle.engine.simd.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.View;

/**
 * Every copy shape of {@link CopyPlan} against the index definition of a region, including operand offsets:
 * scalar and per-row broadcasts (merged into one fill when contiguous), contiguous and gapped rows, a blocked 2-D
 * transpose with ragged block edges, a batched transpose and a negative-free strided gather.
 */
class CopyPlanTest {

    @Test
    void everyKindCopiesWhatTheDefinitionSays() {
        check(Region.of(0, View.of(3, 0, 0, 0), View.of(1, 0, 0, 1), 1, 1, 37), CopyPlan.Kind.BROADCAST_ROWS);
        check(Region.of(0, View.of(0, 0, 1, 0), View.of(0, 0, 50, 1), 1, 8, 50), CopyPlan.Kind.BROADCAST_ROWS);
        check(Region.of(0, View.of(0, 0, 0, 0), View.of(0, 120, 40, 1), 3, 3, 40), CopyPlan.Kind.BROADCAST_ROWS);
        check(Region.of(0, View.of(2, 60, 20, 1), View.of(5, 60, 20, 1), 2, 3, 20), CopyPlan.Kind.ROWS);
        check(Region.of(0, View.of(0, 0, 31, 1), View.of(4, 0, 25, 1), 1, 6, 19), CopyPlan.Kind.ROWS);
        check(Region.of(0, View.of(0, 0, 1, 45), View.of(0, 0, 45, 1), 1, 45, 33), CopyPlan.Kind.TRANSPOSE);
        check(Region.of(0, View.of(7, 1200, 1, 40), View.of(2, 1200, 30, 1), 2, 40, 30), CopyPlan.Kind.TRANSPOSE);
        check(Region.of(0, View.of(1, 0, 1, 3), View.of(0, 0, 9, 1), 1, 3, 9), CopyPlan.Kind.STRIDED);
        check(Region.of(0, View.of(0, 0, 16, 2), View.of(0, 0, 1, 8), 1, 8, 8), CopyPlan.Kind.STRIDED);
    }

    private static void check(Region r, CopyPlan.Kind expectedKind) {
        CopyPlan plan = CopyPlan.of(r);
        assertEquals(expectedKind, plan.kind(), r.toString());
        Random rnd = new Random(r.hashCode());
        float[] src = new float[5000];
        for (int i = 0; i < src.length; i++) {
            src[i] = rnd.nextFloat();
        }
        int srcBase = 11;
        int dstBase = 6;
        float[] expected = new float[5000];
        float[] actual = new float[5000];
        java.util.Arrays.fill(expected, -1f);
        java.util.Arrays.fill(actual, -1f);
        int[] n = r.size();
        int[] ss = r.src().stride();
        int[] ds = r.dst().stride();
        for (int z = 0; z < n[0]; z++) {
            for (int y = 0; y < n[1]; y++) {
                for (int x = 0; x < n[2]; x++) {
                    expected[dstBase + r.dst().offset() + z * ds[0] + y * ds[1] + x * ds[2]] =
                            src[srcBase + r.src().offset() + z * ss[0] + y * ss[1] + x * ss[2]];
                }
            }
        }
        plan.copy(src, srcBase, actual, dstBase);
        assertArrayEquals(expected, actual, r.toString());
    }
}
