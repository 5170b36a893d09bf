package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.walle.engine.backend.CommandCost;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.tensor.Tensor;

/** Runs a plan a few times with every step timed. */
public final class Profiler {
    private final RunState state;
    private final SearchReport search;
    private final int threads;

    /** @param threads the session's thread count, recorded in the profile (the CSV header, the studio's charts) */
    public Profiler(RunState state, SearchReport search, int threads) {
        this.state = state;
        this.search = search;
        this.threads = threads;
    }

    /** @param cancelled asked before every run; true ends the profile with a {@link CancellationException} */
    public Profile profile(Map<String, Tensor> feeds, int warmup, int runs, BooleanSupplier cancelled) {
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("profile needs runs >= 1 and warmup >= 0, got " + runs + ", " + warmup);
        }
        for (int i = 0; i < warmup; i++) {
            stopIf(cancelled);
            state.run(feeds);
        }
        int n = state.steps().size();
        long[][] kernel = new long[n][runs];
        long[][] copy = new long[n][runs];
        long[] wall = new long[runs];
        for (int r = 0; r < runs; r++) {
            stopIf(cancelled);
            int run = r;
            long start = System.nanoTime();
            state.run(feeds, (step, k, c) -> {
                kernel[step][run] = k;
                copy[step][run] = c;
            });
            wall[r] = System.nanoTime() - start;
        }
        List<Profile.OpTiming> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Step s = state.steps().get(i);
            ops.add(new Profile.OpTiming(i, s.command().node(), s.command().op(), s.backend().name(), s.algorithm(),
                    CommandCost.flops(s.command()), kernel[i], copy[i]));
        }
        return new Profile(search.chosenBackend(), threads, ops, wall);
    }

    private static void stopIf(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("profile cancelled");
        }
    }
}
