package org.walle.engine.ui.model;

import java.util.Map;
import java.util.concurrent.CancellationException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.Tensor;

/** The engine's timing calls with the Job's cancel: the work stops between two runs instead of after the loop. */
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

    /** The per-command profile of {@code runs} runs after {@code warmup} untimed ones, stopped by a cancel. */
    static Profile profile(Session session, Map<String, Tensor> feeds, int warmup, int runs,
            IProgressMonitor monitor) {
        try {
            return session.profile(feeds, warmup, runs, monitor::isCanceled);
        } catch (CancellationException e) {
            throw new OperationCanceledException(e.getMessage());
        }
    }

    static void check(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
