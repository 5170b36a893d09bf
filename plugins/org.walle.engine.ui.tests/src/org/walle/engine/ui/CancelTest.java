package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;
import org.walle.engine.ui.profile.ProfileView;
import org.walle.engine.ui.search.BackendSearchView;
import org.walle.ui.testsupport.UiWait;

/**
 * Cancelling long work: a profile and a benchmark of a heavy generated model with a thousand runs are cancelled
 * shortly after they start; each Job ends with CANCEL status within a generous bound (the loops check the monitor
 * between runs), the view says it was cancelled and shows no figures from the stopped work.
 */
class CancelTest {
    private static final long BOUND_MS = 60_000;

    @AfterEach
    void restoreSample() {
        ModelService.get().setCurrent(new OpenModel(null, SampleGraphs.mlp()));
    }

    /** Four 64x512 by 512x512 MatMuls with ReLUs: tens of milliseconds a run, so 1,000 runs take minutes. */
    static Graph heavy() {
        SplittableRandom random = new SplittableRandom(3);
        GraphBuilder b = new GraphBuilder("heavy").input("x", DType.FLOAT32, Shape.of(64, 512));
        String last = "x";
        for (int i = 0; i < 4; i++) {
            float[] w = new float[512 * 512];
            for (int j = 0; j < w.length; j++) {
                w[j] = (float) (random.nextDouble() - 0.5) / 16;
            }
            b.initializer("w" + i, Tensor.of(Shape.of(512, 512), w));
            b.node("matmul" + i, "MatMul", List.of(last, "w" + i), "m" + i);
            b.node("relu" + i, "Relu", List.of("m" + i), "r" + i);
            last = "r" + i;
        }
        return b.output(last).build();
    }

    @Test
    void cancellingAProfileStopsItAndShowsNoFigures() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ProfileView view = (ProfileView) page.showView(ProfileView.ID);
        ModelService.get().setCurrent(new OpenModel(null, heavy()));
        view.getWarmupSpinner().setSelection(0);
        view.getRunsSpinner().setSelection(1000);
        Widgets.press(Widgets.button(view.getStatus().getParent(),
                org.walle.engine.ui.profile.Messages.profile));
        Job job = view.getJob();
        UiWait.until("the profile to run", () -> job.getState() == Job.RUNNING, 30_000);
        long cancelled = cancelAndWait(job);
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity(), job.getResult().toString());
        UiWait.until("the cancelled status", () -> org.walle.engine.ui.profile.Messages.cancelled
                .equals(view.getStatus().getText()), 10_000);
        assertNull(view.getCurrent(), "no partial profile is kept as a result");
        assertNull(view.getLatencyChart().getChart(), "no latency chart from the stopped profile");
        assertNull(view.getTopChart().getChart(), "no operator chart from the stopped profile");
        System.out.printf("CancelTest: profile job ended %d ms after cancel%n", cancelled);
    }

    @Test
    void cancellingABenchmarkStopsItAndShowsNoFigures() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        BackendSearchView view = (BackendSearchView) page.showView(BackendSearchView.ID);
        ModelService.get().setCurrent(new OpenModel(null, heavy()));
        UiWait.until("the search of the heavy model", () -> view.getReport() != null, 60_000);
        view.getRunsSpinner().setSelection(1000);
        Widgets.press(Widgets.button(view.getStatus().getParent(), org.walle.engine.ui.search.Messages.benchmark));
        Job job = view.getLastJob();
        UiWait.until("the benchmark to run", () -> job.getState() == Job.RUNNING, 30_000);
        long cancelled = cancelAndWait(job);
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity(), job.getResult().toString());
        String cancelledText = org.walle.engine.ui.search.Messages.cancelled;
        String prefix = cancelledText.substring(0, cancelledText.indexOf('{'));
        UiWait.until("the cancelled status", () -> view.getStatus().getText().startsWith(prefix), 10_000);
        assertNull(view.getLastBenchmark(), "no partial benchmark is kept as a result");
        System.out.printf("CancelTest: benchmark job ended %d ms after cancel%n", cancelled);
    }

    @Test
    void cancellingAMeasurementStopsItAndKeepsTheSearch() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        BackendSearchView view = (BackendSearchView) page.showView(BackendSearchView.ID);
        ModelService.get().setCurrent(new OpenModel(null, heavy()));
        UiWait.until("the search of the heavy model", () -> view.getReport() != null, 60_000);
        org.walle.engine.runtime.SearchReport searched = view.getReport();
        view.getRunsSpinner().setSelection(1000);
        Widgets.press(Widgets.button(view.getStatus().getParent(), org.walle.engine.ui.search.Messages.measure));
        Job job = view.getLastJob();
        UiWait.until("the measurement to run", () -> job.getState() == Job.RUNNING, 30_000);
        long cancelled = cancelAndWait(job);
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity(), job.getResult().toString());
        String cancelledText = org.walle.engine.ui.search.Messages.cancelled;
        String prefix = cancelledText.substring(0, cancelledText.indexOf('{'));
        UiWait.until("the cancelled status", () -> view.getStatus().getText().startsWith(prefix), 10_000);
        assertEquals(searched, view.getReport(), "the view keeps the search, not a partial measurement");
        System.out.printf("CancelTest: measure job ended %d ms after cancel%n", cancelled);
    }

    /** Lets the work get going, cancels, and waits (dispatching events) until the Job has ended. */
    private static long cancelAndWait(Job job) {
        long start = System.currentTimeMillis();
        UiWait.until("a second of work", () -> System.currentTimeMillis() - start > 1000 || job.getResult() != null,
                5_000);
        assertNull(job.getResult(), "the work must still be running when cancelled (make it heavier)");
        long cancelAt = System.currentTimeMillis();
        job.cancel();
        UiWait.until("the job to end after cancel", () -> job.getResult() != null, BOUND_MS);
        long took = System.currentTimeMillis() - cancelAt;
        assertTrue(took < BOUND_MS, "ended " + took + " ms after cancel");
        return took;
    }
}
