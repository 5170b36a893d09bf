package org.walle.engine.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.Tensor;

/**
 * The engine's measuring calls one run at a time, so a cancel stops the work between two runs instead of after the
 * whole loop: {@code Session.profile(feeds, warmup, runs)} has no cancel hook, so the profile is taken as single-run
 * profiles and merged, which records the same per-command and per-run times.
 */
final class RunByRun {
    private RunByRun() {
    }

    /** Wall times of {@code runs} whole runs after {@code warmup} untimed ones. */
    static long[] time(Session session, Map<String, Tensor> feeds, int warmup, int runs, IProgressMonitor monitor) {
        for (int i = 0; i < warmup; i++) {
            check(monitor);
            session.run(feeds);
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            check(monitor);
            long start = System.nanoTime();
            session.run(feeds);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    /** The per-command profile of {@code runs} runs after {@code warmup} untimed ones. */
    static Profile profile(Session session, Map<String, Tensor> feeds, int warmup, int runs,
            IProgressMonitor monitor) {
        for (int i = 0; i < warmup; i++) {
            check(monitor);
            session.run(feeds);
        }
        List<Profile> single = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            check(monitor);
            single.add(session.profile(feeds, 0, 1));
        }
        return merge(single);
    }

    /** Profiles of one run each of the same plan, as one profile of all those runs. */
    static Profile merge(List<Profile> single) {
        Profile first = single.get(0);
        int runs = single.size();
        long[] wall = new long[runs];
        List<Profile.OpTiming> ops = new ArrayList<>();
        for (int c = 0; c < first.ops().size(); c++) {
            long[] kernel = new long[runs];
            long[] copy = new long[runs];
            for (int r = 0; r < runs; r++) {
                Profile.OpTiming t = single.get(r).ops().get(c);
                kernel[r] = t.kernelNanos()[0];
                copy[r] = t.copyNanos()[0];
            }
            Profile.OpTiming t = first.ops().get(c);
            ops.add(new Profile.OpTiming(t.command(), t.node(), t.op(), t.backend(), t.algorithm(), t.flops(), kernel,
                    copy));
        }
        for (int r = 0; r < runs; r++) {
            wall[r] = single.get(r).runNanos()[0];
        }
        return new Profile(first.backend(), first.threads(), ops, wall);
    }

    static void check(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
