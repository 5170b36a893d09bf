package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.ui.model.InputShapes;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;
import org.walle.ui.testsupport.UiWait;

/** The Decomposition view resizes the open model and shows a transform op as a Raster with regions. */
class DecompositionViewTest {

    @AfterEach
    void restoreSample() {
        ModelService.get().setCurrent(new OpenModel(null, SampleGraphs.mlp()));
    }

    @Test
    void transposeBecomesARasterWhoseRegionsAreShown() throws Exception {
        Graph g = new GraphBuilder("transpose").input("x", DType.FLOAT32, Shape.of(Shape.DYNAMIC, 3))
                .node("t", "Transpose", List.of("x"), List.of("y"), Map.of("perm", new long[] {1, 0}))
                .node("r", "Relu", List.of("y"), "z")
                .output("z").build();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        DecompositionView view = (DecompositionView) page.showView(DecompositionView.ID);
        ModelService.get().setCurrent(new OpenModel(null, g));
        assertEquals("x=1,3", view.getShapesField().getText(), "dynamic batch defaults to 1");
        view.getShapesField().setText("x=4,3");
        view.getShapesField().notifyListeners(SWT.DefaultSelection, new Event());
        UiWait.until("the resize", () -> view.getReport() != null, 30_000);
        assertTrue(view.getSummary().getText().contains("RASTER"), view.getSummary().getText());
        Command raster = view.getReport().commands().stream().filter(c -> c.op() == AtomicOp.RASTER).findFirst()
                .orElseThrow();
        view.showNode(raster.node());
        view.getCommandViewer().expandAll();
        String rows = describe(view.getCommandViewer().getTree().getItems());
        assertTrue(rows.contains("RASTER 1 region(s)"), rows);
        assertTrue(rows.contains("region size [1,3,4]"), "transpose of [4,3] is one 3x4 region:\n" + rows);
    }

    @Test
    void badShapeTextIsReportedNotThrown() {
        assertThrows(IllegalArgumentException.class, () -> InputShapes.parse("x=1,two"));
        assertThrows(IllegalArgumentException.class, () -> InputShapes.parse("just-a-name"));
        assertEquals(Map.of("x", Shape.of(1, 3), "m", Shape.of(2)), InputShapes.parse("x=1,3; m=2"));
    }

    private static String describe(TreeItem[] rows) {
        StringBuilder b = new StringBuilder();
        for (TreeItem row : rows) {
            b.append(row.getText(0)).append(' ').append(row.getText(3)).append('\n');
            b.append(describe(row.getItems()));
        }
        return b.toString();
    }
}
