package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.ui.model.LoadModelJob;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;
import org.walle.engine.ui.model.RecentModels;
import org.walle.ui.testsupport.UiWait;

/** Opening real ONNX files (Debian's libonnx-testdata) into the graph and outline views, and broken ones. */
class ModelOpeningTest {
    /** A real ONNX model: a Conv node test shipped by the libonnx-testdata package that ./walle test installs. */
    private static final Path CONV_MODEL = Path.of("/usr/share/libonnx-testdata/data/node/test_basic_conv_with_padding/model.onnx");

    @AfterEach
    void restoreSample() {
        ModelService.get().setCurrent(new OpenModel(null, SampleGraphs.mlp()));
    }

    @Test
    void openingAnOnnxFileShowsItInTheGraphAndOutline() throws Exception {
        assertTrue(Files.exists(CONV_MODEL), "libonnx-testdata is installed by ./walle test: " + CONV_MODEL);
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        GraphView graph = (GraphView) page.showView(GraphView.ID);
        ModelOutlineView outline = (ModelOutlineView) page.showView(ModelOutlineView.ID);
        new LoadModelJob(CONV_MODEL, Display.getCurrent(), status -> { }).schedule();
        UiWait.until("the model to load", () -> CONV_MODEL.equals(ModelService.get().current().file()), 30_000);
        UiWait.until("the conv graph layout", () -> graph.getCanvas().getGraphLayout() != null
                && graph.getCanvas().getGraphLayout().nodes().stream().anyMatch(b -> "Conv".equals(b.title())), 30_000);
        assertEquals(1, graph.getGraph().nodes().size());
        TreeItem[] groups = outline.getViewer().getTree().getItems();
        assertEquals(3, groups.length);
        assertTrue(groups[0].getText().startsWith("Inputs (2)"), groups[0].getText());
        assertTrue(groups[2].getText().startsWith("Operators (1)"), groups[2].getText());
        assertTrue(new RecentModels().list().contains(CONV_MODEL.toAbsolutePath().normalize()));
    }

    @Test
    void aBrokenFileIsReportedWithTheImportersMessageAndKeepsTheCurrentModel(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("truncated.onnx");
        byte[] real = Files.readAllBytes(CONV_MODEL);
        Files.write(broken, java.util.Arrays.copyOf(real, real.length / 2));
        OpenModel before = ModelService.get().current();
        AtomicReference<IStatus> failure = new AtomicReference<>();
        new LoadModelJob(broken, Display.getCurrent(), failure::set).schedule();
        UiWait.until("the failure report", () -> failure.get() != null, 30_000);
        assertEquals(IStatus.ERROR, failure.get().getSeverity());
        assertTrue(failure.get().getMessage().contains("truncated.onnx"), failure.get().getMessage());
        assertEquals(before, ModelService.get().current(), "a failed load changes nothing");
    }
}
