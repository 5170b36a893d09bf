package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.backend.Backends;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SearchReport.Decision;
import org.walle.engine.runtime.Session;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.ui.model.InputShapes;
import org.walle.engine.ui.model.LoadModelJob;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;
import org.walle.engine.ui.search.BackendSearchView;
import org.walle.engine.ui.search.Messages;
import org.walle.ui.testsupport.UiWait;

/**
 * The Backend-search view on a real ONNX model (the Conv test of libonnx-testdata): search, pin a node through the
 * context menu, benchmark, the graph colouring legend, and bad shapes reported in a dialog.
 */
class BackendSearchViewTest {
    private static final Path CONV_MODEL = Path.of("/usr/share/libonnx-testdata/data/node/test_basic_conv_with_padding/model.onnx");

    private IWorkbenchPage page;
    private BackendSearchView view;

    @BeforeEach
    void openModel() throws Exception {
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = (BackendSearchView) page.showView(BackendSearchView.ID);
        new LoadModelJob(CONV_MODEL, Display.getCurrent(), status -> { }).schedule();
        UiWait.until("the model to load", () -> CONV_MODEL.equals(ModelService.get().current().file()), 30_000);
    }

    @AfterEach
    void restoreSample() {
        ErrorReports.redirectForTests(null);
        ModelService.get().setCurrent(new OpenModel(null, SampleGraphs.mlp()));
    }

    @Test
    void searchListsEveryBackendAndADecisionPerCommand() throws Exception {
        SearchReport report = pressSearch();
        List<String> backends = column(view.getTotalsViewer().getTable(), 0);
        assertTrue(backends.containsAll(List.of("cpu-ref", "cpu-simd")), backends.toString());
        int chosenRow = backends.indexOf(report.chosenBackend());
        assertEquals(Messages.chosen, view.getTotalsViewer().getTable().getItem(chosenRow).getText(4));
        int commands;
        try (Session session = new Session(ModelService.get().current().graph())) {
            commands = session.resize(InputShapes.defaults(ModelService.get().current().graph())).commands().size();
        }
        assertEquals(commands, report.decisions().size(), "one decision per atomic command");
        assertEquals(commands, view.getDecisionViewer().getTree().getItemCount(), "one row per command");
        TreeItem first = view.getDecisionViewer().getTree().getItem(0);
        first.setExpanded(true);
        view.getDecisionViewer().expandToLevel(report.decisions().get(0), 1);
        assertTrue(view.getDecisionViewer().getTree().getItem(0).getItemCount() >= 2,
                "every backend is a candidate of every command");
    }

    @Test
    void pinningANodeToTheReferenceBackendReRunsTheSearchAndMarksItsRows(@TempDir Path dir) throws Exception {
        pressSearch();
        Decision conv = view.getReport().decisions().get(0);
        view.getDecisionViewer().setSelection(new StructuredSelection(conv), true);
        Menu context = view.getDecisionViewer().getTree().getMenu();
        MenuItem pinTo = Widgets.menuItem(context, Messages.pinBackend);
        MenuItem cpuRef = Widgets.menuItem(pinTo.getMenu(), "cpu-ref");
        cpuRef.notifyListeners(SWT.Selection, new Event());
        UiWait.until("the search with the pin", () -> view.getReport() != null, 60_000);
        List<Decision> pinned = view.getReport().decisionsFor(conv.node());
        assertTrue(pinned.stream().allMatch(d -> d.backend().equals("cpu-ref") && d.pinned()), pinned.toString());
        TreeItem row = view.getDecisionViewer().getTree().getItem(view.getReport().decisions().indexOf(pinned.get(0)));
        assertEquals(conv.node(), row.getText(1));
        assertEquals(Messages.pinned, row.getText(8));
        assertTrue(view.getStatus().getText().contains(conv.node() + "\u2192cpu-ref"), view.getStatus().getText());

        GraphView graph = (GraphView) page.showView(GraphView.ID);
        UiWait.until("the graph colouring", () -> graph.getCanvas().getColouring() != null
                && legend(graph).stream().anyMatch(l -> l.startsWith("cpu-ref")), 30_000);
        assertEquals(NodeColouring.colourOf("cpu-ref"), graph.getCanvas().getColouring().fill(conv.node()));
        Path png = dir.resolve("coloured.png");
        ImageExport.savePng(graph.getCanvas().getDisplay(), graph.getCanvas().getGraphLayout(), b -> false,
                graph.getCanvas().getColouring(), png);
        ImageData image = new ImageData(png.toString());
        RGB refColour = NodeColouring.colourOf("cpu-ref");
        int filled = 0;
        for (int y = 0; y < image.height; y++) {
            for (int x = 0; x < image.width; x++) {
                filled += image.palette.getRGB(image.getPixel(x, y)).equals(refColour) ? 1 : 0;
            }
        }
        assertTrue(filled > 200, "the exported PNG shows the pinned node in the cpu-ref colour: " + filled + " px");

        page.showView(BackendSearchView.ID);
        Widgets.menuItem(context, Messages.clearPins).notifyListeners(SWT.Selection, new Event());
        UiWait.until("the search without pins", () -> view.getReport() != null, 60_000);
        assertTrue(view.getReport().decisionsFor(conv.node()).stream().noneMatch(Decision::pinned));
    }

    @Test
    void measureFillsTheMeasuredColumn() throws Exception {
        pressSearch();
        view.getRunsSpinner().setSelection(1);
        Widgets.press(Widgets.button(view.getStatus().getParent(), Messages.measure));
        UiWait.until("the measurement", () -> view.getReport() != null && view.getReport().measured(), 60_000);
        assertTrue(view.getReport().decisions().stream().allMatch(d -> d.winner().measuredSeconds() != null));
        assertTrue(!view.getDecisionViewer().getTree().getItem(0).getText(6).isEmpty(), "measured ms shown");
    }

    @Test
    void selectingAnOperatorInTheGraphFiltersTheDecisionsToItsCommands() throws Exception {
        ModelService.get().setCurrent(new OpenModel(null, SampleGraphs.mlp()));
        UiWait.until("the search of the sample", () -> view.getReport() != null, 60_000);
        GraphView graph = (GraphView) page.showView(GraphView.ID);
        UiWait.until("the layout", () -> graph.getCanvas().getGraphLayout() != null
                && graph.getCanvas().getGraphLayout().nodes().size() == 7, 30_000);
        graph.getFindField().setText("fc2");
        graph.getFindField().notifyListeners(SWT.DefaultSelection, new Event());
        int expected = view.getReport().decisionsFor("fc2").size();
        int all = view.getReport().decisions().size();
        assertTrue(expected > 0 && expected < all, expected + " of " + all);
        UiWait.until("the filter on fc2", () -> view.getDecisionViewer().getTree().getItemCount() == expected
                && view.getContentDescription().contains("fc2"), 10_000);
        graph.getCanvas().select(null);
        UiWait.until("the filter to clear", () -> view.getDecisionViewer().getTree().getItemCount() == all, 10_000);
    }

    @Test
    void theBackendBundlesAreRegisteredAndListedWithTheirAvailability() {
        assertTrue(Backends.availableNames().contains("cpu-simd"), Backends.availableNames().toString());
        List<String> offered = List.of(view.getBackendCombo().getItems());
        assertEquals("auto", offered.get(0));
        assertTrue(offered.contains("cpu-ref") && offered.contains("cpu-simd"), offered.toString());
        // opencl is offered either way: by name when a device is there, else with the reason it cannot run
        assertTrue(offered.stream().anyMatch(o -> o.equals("opencl") || o.startsWith("opencl (")), offered.toString());
    }

    @Test
    void benchmarkShowsTheMedianOfTheRuns() throws Exception {
        pressSearch();
        view.getRunsSpinner().setSelection(5);
        Widgets.press(Widgets.button(view.getStatus().getParent(), Messages.benchmark));
        UiWait.until("the benchmark", () -> view.getLastBenchmark() != null, 60_000);
        assertEquals(5, view.getLastBenchmark().runNanos().length);
        assertTrue(view.getLastBenchmark().medianNanos() > 0);
        assertTrue(view.getStatus().getText().contains("5"), view.getStatus().getText());
    }

    @Test
    void badShapesGoToAnErrorDialogWithDetails() throws Exception {
        AtomicReference<IStatus> shown = new AtomicReference<>();
        ErrorReports.redirectForTests(shown::set);
        Text shapes = findShapesField();
        shapes.setText("X=1,one,3,3"); // hostile: a dimension that is not a number
        Widgets.press(Widgets.button(view.getStatus().getParent(), Messages.search));
        assertNotNull(shown.get(), "the failure is shown, not only logged");
        assertEquals(Messages.badShapes, shown.get().getMessage());
        assertTrue(shown.get().getChildren().length > 0, "details hold the cause");
        assertTrue(shown.get().getChildren()[0].getMessage().contains("X=1,one,3,3"),
                shown.get().getChildren()[0].getMessage());

        shapes.setText("x=1,1,5; W=1,1,3,3"); // hostile: parses, but the engine rejects the wrong rank of x
        Widgets.press(Widgets.button(view.getStatus().getParent(), Messages.search));
        UiWait.until("the engine's rejection", () -> shown.get() != null
                && shown.get().getMessage().contains(ModelService.get().current().graph().name()), 30_000);
        String details = shown.get().getChildren()[0].getMessage();
        assertTrue(details.contains("'x'"), details);
    }

    private SearchReport pressSearch() {
        UiWait.until("the first search", () -> view.getReport() != null, 60_000);
        Widgets.press(Widgets.button(view.getStatus().getParent(), Messages.search));
        UiWait.until("the search", () -> view.getReport() != null, 60_000);
        return view.getReport();
    }

    private Text findShapesField() {
        for (var c : view.getStatus().getParent().getChildren()) {
            if (c instanceof Text t) {
                return t;
            }
        }
        throw new AssertionError("no shapes field");
    }

    private static List<String> column(Table table, int column) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            cells.add(table.getItem(i).getText(column));
        }
        return cells;
    }

    private static List<String> legend(GraphView graph) {
        return graph.getCanvas().getColouring().legend().stream().map(NodeColouring.LegendEntry::label).toList();
    }
}
