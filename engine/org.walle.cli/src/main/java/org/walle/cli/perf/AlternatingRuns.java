package org.walle.cli.perf;

/**
 * Times two contenders in alternating blocks (A A A A A, B B B B B, A ...), each block after one untimed run, so both
 * see the same machine: on a shared host the speed of a core changes in phases of seconds (one engine's runs of
 * the same model held at 20 ms for a minute, then at 35 ms), and timing all of A and then all of B let such a phase
 * fall on one side. The untimed run gives each block back its own caches and thread pool after the other's block.
 *
 * <p>With more than one thread the blocks are also {@link #PAUSE_MILLIS} apart: ONNX Runtime's pool threads keep
 * spinning for 20-100 ms after a run, and the engine's runs right after an ORT block shared the two cores with them
 * (the transformer block at 2 threads: 7.9 ms right after an ORT block, 7.9 after a 20 ms pause, 3.8 after 100 ms).
 */
final class AlternatingRuns {

    /** Timed runs per block. */
    static final int BLOCK = 5;
    /** Pause before each block of a multi-threaded comparison, longer than any pool thread spins. */
    static final int PAUSE_MILLIS = 250;

    /** One run of a contender. */
    @FunctionalInterface
    interface Runner {
        void run() throws Exception;
    }

    private AlternatingRuns() {
    }

    /**
     * Runs {@code a} and {@code b} {@code warmup} times each, then {@code runs} timed runs each in turns, pausing
     * {@code pauseMillis} before every block.
     */
    static long[][] measure(Runner a, Runner b, int warmup, int runs, int pauseMillis) throws Exception {
        Runner[] both = {a, b};
        for (Runner r : both) {
            for (int i = 0; i < warmup; i++) {
                r.run();
            }
        }
        long[][] nanos = {new long[runs], new long[runs]};
        for (int done = 0; done < runs; done += BLOCK) {
            int block = Math.min(BLOCK, runs - done);
            for (int side = 0; side < 2; side++) {
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
                both[side].run();
                for (int i = done; i < done + block; i++) {
                    long start = System.nanoTime();
                    both[side].run();
                    nanos[side][i] = System.nanoTime() - start;
                }
            }
        }
        return nanos;
    }
}
