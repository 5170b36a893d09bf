package org.walle.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The shared threads: every index runs exactly once whatever the split, a failing range reaches the caller only after
 * every other range has finished, callers on several threads at once (the spinning workers busy with another caller's
 * range) still get all their ranges run, a worker parked after a long idle wakes for the next range, and a stalled
 * thread does not hold up the chunks the other threads can take.
 */
class ParallelTest {

    private static void assertEveryIndexOnce(int threads, int count, int grain) {
        AtomicInteger[] hits = new AtomicInteger[count];
        for (int i = 0; i < count; i++) {
            hits[i] = new AtomicInteger();
        }
        Parallel.forRange(threads, count, grain, (from, to) -> {
            for (int i = from; i < to; i++) {
                hits[i].incrementAndGet();
            }
        });
        for (int i = 0; i < count; i++) {
            assertEquals(1, hits[i].get(), "index " + i + " of " + count + " on " + threads + " threads");
        }
    }

    @Test
    void everyIndexRunsOnceForAnySplit() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            for (int count : new int[] {1, 2, 7, 1000}) {
                assertEveryIndexOnce(threads, count, 1);
                assertEveryIndexOnce(threads, count, 100);
            }
        }
    }

    @Test
    void aFailingRangeIsRethrownAfterTheOthersFinish() {
        AtomicInteger finished = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("range failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                Parallel.forRange(4, 4, 1, (from, to) -> {
                    if (from == 1) { // the range a spinning worker takes
                        throw boom;
                    }
                    sleep(50);
                    finished.incrementAndGet();
                }));
        // a fork-join join may rethrow a copy made on the joining thread, carrying the message
        assertTrue(thrown.getMessage().contains("range failed"), thrown.getMessage());
        assertEquals(3, finished.get(), "the caller waited for the ranges that did not fail");
        assertEveryIndexOnce(2, 100, 1); // the workers are free again
    }

    @Test
    void concurrentCallersEachGetAllTheirRanges() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                done.add(callers.submit(() -> {
                    for (int round = 0; round < 300; round++) {
                        assertEveryIndexOnce(2, 257, 1);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aParkedWorkerWakesForTheNextRange() {
        assertEveryIndexOnce(2, 64, 1);
        sleep(SpinningWorker.SPIN_NANOS / 1_000_000 + 50); // past the spin: the worker parks
        for (int round = 0; round < 20; round++) {
            assertEveryIndexOnce(2, 64, 1);
            sleep(1);
        }
    }

    @Test
    void aSlowThreadLeavesTheRemainingChunksToTheOthers() {
        int count = 8;
        Thread[] ranBy = new Thread[count];
        AtomicReference<Thread> stalled = new AtomicReference<>();
        Parallel.forRange(2, count, 1, (from, to) -> {
            if (stalled.compareAndSet(null, Thread.currentThread())) {
                sleep(300); // the first chunk taken stalls its thread, as a core the host lends to another tenant
            }
            for (int i = from; i < to; i++) {
                ranBy[i] = Thread.currentThread();
            }
        });
        long onStalled = java.util.Arrays.stream(ranBy).filter(t -> t == stalled.get()).count();
        // with one fixed half per thread the stalled thread would also have run the rest of its half
        assertTrue(onStalled < count / 2, "indexes run by the stalled thread: " + java.util.Arrays.toString(ranBy));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
