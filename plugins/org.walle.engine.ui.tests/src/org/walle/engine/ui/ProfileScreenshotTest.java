package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.ui.model.LoadModelJob;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;
import org.walle.engine.ui.model.ProfileSweep;
import org.walle.engine.ui.profile.Messages;
import org.walle.engine.ui.profile.ProfileView;
import org.walle.ui.testsupport.UiWait;
import org.walle.ui.testsupport.Screenshots;

/**
 * The Profile view on PaddleOCR's direction classifier, with ONNX Runtime measured beside the engine's backends in
 * the same job, and the heat overlay on the graph: saved as target/screenshots/studio-profile.png (the README's
 * docs/images/studio-profile.png is copied from it).
 */
class ProfileScreenshotTest {
    static final Path CLS_MODEL = RealModelViewsTest.DET_MODEL.resolveSibling("ch_ppocr_mobile_v2.0_cls_infer.onnx");

    @AfterEach
    void restoreSample() {
        ModelService.get().setCurrent(new OpenModel(null, SampleGraphs.mlp()));
    }

    @Test
    void profileOfARealModelWithOnnxRuntimeBesideTheEngine() throws Exception {
        assertTrue(Files.exists(CLS_MODEL), "the ONNX module's tests fetch the OCR models first: " + CLS_MODEL
                .toAbsolutePath());
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Shell shell = page.getWorkbenchWindow().getShell();
        shell.setBounds(0, 0, 1400, 900);
        GraphView graph = (GraphView) page.showView(GraphView.ID);
        ProfileView view = (ProfileView) page.showView(ProfileView.ID);
        new LoadModelJob(CLS_MODEL, Display.getCurrent(), status -> { }).schedule();
        UiWait.until("the cls model to load", () -> CLS_MODEL.equals(ModelService.get().current().file()), 60_000);
        view.getWarmupSpinner().setSelection(3);
        view.getRunsSpinner().setSelection(10);
        Widgets.press(Widgets.button(view.getStatus().getParent(), Messages.profile));
        UiWait.until("the profile", () -> view.getCurrent() != null, 300_000);
        List<ProfileSweep.Latency> ort = view.getCurrent().latencies().stream()
                .filter(l -> l.backend().equals(ProfileSweep.ONNX_RUNTIME)).toList();
        assertTrue(ort.size() >= 1 && ort.stream().allMatch(l -> l.medianNanos() > 0),
                "ONNX Runtime measured: " + view.getCurrent().latencies() + " skipped " + view.getCurrent().skipped());
        graph.getColouringToggles()[1].setChecked(true);
        graph.getColouringToggles()[1].run();
        UiWait.until("the graph layout", () -> graph.getCanvas().getGraphLayout() != null
                && graph.getCanvas().getLastPaintedBoxCount() > 0, 60_000);
        graph.getFindField().setText("Conv");
        graph.getFindField().notifyListeners(org.eclipse.swt.SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
        // the charts are the point of the picture: the Profile view maximised, at the size of the README's other shots
        page.activate(view);
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        try {
            UiWait.until("the charts at full size", () -> view.getLatencyChart().getClientArea().height > 400, 10_000);
            Screenshots.save(shell, "studio-profile.png");
        } finally {
            page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
        }
        System.out.println("ProfileScreenshotTest: " + view.getStatus().getText() + "; latencies "
                + view.getCurrent().latencies());
    }
}
