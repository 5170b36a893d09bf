package org.walle.cli.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AlternatingRunsTest {

    @Test
    void warmsBothUpThenAlternatesBlocksEachAfterOneUntimedRun() throws Exception {
        StringBuilder calls = new StringBuilder();
        long[][] nanos = AlternatingRuns.measure(() -> calls.append('a'), () -> calls.append('b'), 2, 7, 0);
        // warm-ups, then blocks of 5 (+1 untimed) and the last 2 (+1 untimed) on each side in turn
        assertEquals("aa" + "bb" + "aaaaaa" + "bbbbbb" + "aaa" + "bbb", calls.toString());
        assertEquals(7, nanos[0].length);
        assertEquals(7, nanos[1].length);
    }

    @Test
    void eachSideKeepsItsOwnTimes() throws Exception {
        long[][] nanos = AlternatingRuns.measure(() -> { }, () -> Thread.sleep(2), 0, 6, 0);
        long[] fast = nanos[0].clone();
        long[] slow = nanos[1].clone();
        Arrays.sort(fast);
        Arrays.sort(slow);
        assertTrue(slow[0] >= 2_000_000, "a 2 ms sleep took " + slow[0] + " ns");
        assertTrue(fast[3] < slow[3], Arrays.toString(fast) + " vs " + Arrays.toString(slow));
    }

    @Test
    void blocksArePausedApart() throws Exception {
        long start = System.nanoTime();
        AlternatingRuns.measure(() -> { }, () -> { }, 0, 10, 30);
        // two blocks per side, each after a 30 ms pause
        assertTrue(System.nanoTime() - start >= 4 * 30_000_000L);
    }

    @Test
    void aFailingRunStopsTheMeasurement() {
        Exception e = assertThrows(IllegalStateException.class,
                () -> AlternatingRuns.measure(() -> { }, () -> {
                    throw new IllegalStateException("broken peer");
                }, 0, 3, 0));
        assertEquals("broken peer", e.getMessage());
    }
}
