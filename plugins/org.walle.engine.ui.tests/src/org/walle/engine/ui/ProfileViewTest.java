package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.ProfileExport;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.ui.model.LoadModelJob;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;
import org.walle.engine.ui.model.ProfileSweep;
import org.walle.engine.ui.profile.Messages;
import org.walle.engine.ui.profile.ProfileView;
import org.walle.ui.testsupport.UiWait;

/** The Profile view on a real ONNX model: profile, charts on screen, heat overlay, export, load and compare. */
class ProfileViewTest {
    private static final Path CONV_MODEL = Path.of("/usr/share/libonnx-testdata/data/node/test_basic_conv_with_padding/model.onnx");

    private IWorkbenchPage page;
    private ProfileView view;

    @BeforeEach
    void openModel() throws Exception {
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = (ProfileView) page.showView(ProfileView.ID);
        new LoadModelJob(CONV_MODEL, Display.getCurrent(), status -> { }).schedule();
        UiWait.until("the model to load", () -> CONV_MODEL.equals(ModelService.get().current().file()), 30_000);
    }

    @AfterEach
    void restoreSample() {
        ModelService.get().setCurrent(new OpenModel(null, SampleGraphs.mlp()));
    }

    @Test
    void profilingDrawsBothChartsAndTheHeatOverlay() throws Exception {
        profile();
        Profile p = view.getCurrent().profile();
        assertEquals(3, p.runNanos().length);
        assertTrue(p.medianRunNanos() > 0);
        CategoryDataset latency = view.getLatencyChart().getChart().getCategoryPlot().getDataset();
        List<?> backends = latency.getColumnKeys();
        assertTrue(backends.containsAll(List.of("cpu-ref", "cpu-simd", ProfileSweep.ONNX_RUNTIME)),
                backends.toString() + " skipped: " + view.getCurrent().skipped());
        List<Integer> threads = ProfileSweep.threadCounts(org.walle.engine.backend.BackendConfig.defaults().threads());
        for (int t : threads) {
            assertTrue(view.getCurrent().latencies().stream().anyMatch(l -> l.threads() == t
                    && l.backend().equals(ProfileSweep.ONNX_RUNTIME) && l.medianNanos() > 0),
                    "ONNX Runtime at " + t + " thread(s)");
            assertTrue(view.getCurrent().latencies().stream().anyMatch(l -> l.backend().equals("cpu-simd")
                    && l.threads() == t), "cpu-simd at " + t + " thread(s)");
        }
        assertEquals(threads.size(), latency.getRowCount(), "one series per thread count: " + latency.getRowKeys());
        assertTrue(view.getTopChart().getChart().getSubtitles().stream().anyMatch(t -> t instanceof TextTitle tt
                && tt.getText().equals(Messages.topChartSubtitle)), "the per-op chart says it is engine-only");
        assertTrue(view.getTopChart().getChart().getCategoryPlot().getDataset().getRowKeys().stream()
                .noneMatch(k -> k.toString().contains(ProfileSweep.ONNX_RUNTIME)));
        UiWait.until("the charts on screen", () -> colours(view.getTopChart().snapshot()) > 5
                && colours(view.getLatencyChart().snapshot()) > 5, 10_000);

        GraphView graph = (GraphView) page.showView(GraphView.ID);
        graph.getColouringToggles()[1].setChecked(true);
        graph.getColouringToggles()[1].run();
        assertTrue(graph.getCanvas().getColouring() != null);
        List<NodeColouring.LegendEntry> legend = graph.getCanvas().getColouring().legend();
        assertEquals(2, legend.size(), "a heat scale from fastest to slowest");
        String slowest = p.nanosByNode().keySet().iterator().next();
        assertEquals(NodeColouring.blend(1), graph.getCanvas().getColouring().fill(slowest));
        graph.getColouringToggles()[0].setChecked(true);
        graph.getColouringToggles()[0].run();
    }

    @Test
    void exportedCsvLoadsBackAndComparesAsASecondSeries(@TempDir Path dir) throws Exception {
        profile();
        Path csv = dir.resolve("run1.csv");
        view.exportCsv(csv);
        Profile loaded;
        try (Reader in = Files.newBufferedReader(csv)) {
            loaded = ProfileExport.readCsv(in);
        }
        assertEquals(view.getCurrent().profile().ops().size(), loaded.ops().size());
        assertEquals(view.getCurrent().profile().nanosByNode().keySet(), loaded.nanosByNode().keySet());

        view.compare(csv);
        CategoryDataset top = view.getTopChart().getChart().getCategoryPlot().getDataset();
        assertEquals(2, top.getRowCount(), "the run and the loaded file: " + top.getRowKeys());
        assertTrue(view.getStatus().getText().contains("run1.csv"), view.getStatus().getText());

        Path trace = dir.resolve("trace.json");
        view.exportTrace(trace);
        assertTrue(Files.readString(trace).contains("\"traceEvents\""));
        Path png = dir.resolve("charts.png");
        view.exportPng(png);
        ImageData image = new ImageData(png.toString());
        assertTrue(colours(image) > 5, "the PNG holds the charts");
    }

    @Test
    void aFileThatIsNotAProfileIsRejectedWithTheReason(@TempDir Path dir) throws Exception {
        Path bogus = dir.resolve("bogus.csv");
        Files.writeString(bogus, "node,ms\nconv,1.0\n"); // hostile: a CSV, but not a Walle profile
        IOException e = assertThrows(IOException.class, () -> view.compare(bogus));
        assertTrue(e.getMessage().contains("# backend="), e.getMessage());
        assertEquals(null, view.getComparison(), "a failed load changes nothing");
    }

    private void profile() {
        view.getRunsSpinner().setSelection(3);
        view.getWarmupSpinner().setSelection(1);
        Widgets.press(Widgets.button(view.getStatus().getParent(), Messages.profile));
        UiWait.until("the profile", () -> view.getCurrent() != null, 180_000);
    }

    /** Distinct colours in every other pixel: a blank canvas has one. */
    private static int colours(ImageData data) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < data.height; y += 2) {
            for (int x = 0; x < data.width; x += 2) {
                seen.add(data.getPixel(x, y));
            }
        }
        return seen.size();
    }
}
