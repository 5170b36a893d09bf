package org.walle.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Strassen against the scalar oracle. Each level adds a few roundings per element (the sums), so the bound is 1e-4
 * relative to the largest output for up to 2 levels, the same as GEMM.
 */
class StrassenTest {

    @ParameterizedTest
    @CsvSource({"128,128,128,1", "128,128,128,2", "129,131,133,1", "127,65,99,2", "200,64,100,3", "5,5,5,4"})
    void matchesReferenceWithForcedLevelsAndOddPeeling(int m, int n, int k, int levels) {
        Random rnd = new Random(m + 31L * n + 977L * k + levels);
        float[] a = Reference.random(rnd, m * k);
        float[] b = Reference.random(rnd, k * n);
        float[] c = new float[m * n];
        Strassen.multiply(a, b, c, m, n, k, levels, 2);
        Reference.assertClose(Reference.gemm(a, b, m, n, k), c, 1e-4, "strassen " + levels + " levels");
    }

    @Test
    void ruleRecursesOnlyAboveTheDerivedCrossover() {
        // G = 50 GFLOP/s, B = 10 GB/s: square crossover n* = 264 * 50 / 10 = 1320
        MachineSpeed speed = new MachineSpeed(50, 50, 1, 10);
        assertFalse(Strassen.pays(1300, 1300, 1300, speed, 1));
        assertTrue(Strassen.pays(1340, 1340, 1340, speed, 1));
        assertEquals(1, Strassen.levels(2000, 2000, 2000, speed, 1));
        assertEquals(2, Strassen.levels(4000, 4000, 4000, speed, 1));
        // a memory-rich machine recurses earlier
        assertTrue(Strassen.pays(512, 512, 512, new MachineSpeed(5, 5, 1, 20), 1));
    }

    @Test
    void costWithALevelSavesFlopsButAddsTraffic() {
        Cost plain = Strassen.cost(1024, 1024, 1024, 0);
        Cost one = Strassen.cost(1024, 1024, 1024, 1);
        assertTrue(one.flops() < plain.flops(), one + " vs " + plain);
        assertTrue(one.bytes() > plain.bytes(), one + " vs " + plain);
    }
}
