package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.ui.layout.GraphLayout.NodeBox;
import org.walle.ui.testsupport.UiWait;

/** Drives the real graph view in the running workbench. */
class GraphViewTest {
    private GraphView view;

    @BeforeEach
    void openView() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = (GraphView) page.showView(GraphView.ID);
        view.showGraph(SampleGraphs.mlp());
        UiWait.until("the layout job", () -> view.getCanvas().getGraphLayout() != null
                && view.getCanvas().getGraphLayout().nodes().size() == 7, 30_000);
    }

    @Test
    void sampleGraphIsLaidOutAndPainted() {
        GraphCanvas canvas = view.getCanvas();
        canvas.setSize(900, 700);
        canvas.fit();
        Image image = new Image(canvas.getDisplay(), 900, 700);
        GC gc = new GC(image);
        try {
            canvas.print(gc);
        } finally {
            gc.dispose();
        }
        ImageData data = image.getImageData();
        image.dispose();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < data.height; y += 4) {
            for (int x = 0; x < data.width; x += 4) {
                colours.add(data.getPixel(x, y));
            }
        }
        assertTrue(colours.size() > 4, "boxes, edges and text should paint several colours, got " + colours.size());
        assertEquals(7, canvas.getLastPaintedBoxCount(), "all boxes fit after Fit");
    }

    @Test
    void clickingAnOperatorShowsItsDetails() {
        GraphCanvas canvas = view.getCanvas();
        NodeBox fc1 = canvas.getGraphLayout().nodes().stream().filter(b -> "fc1".equals(b.id())).findFirst()
                .orElseThrow();
        int[] p = canvas.toCanvas(fc1.centerX(), fc1.y() + fc1.height() / 2);
        Event down = new Event();
        down.button = 1;
        down.x = p[0];
        down.y = p[1];
        canvas.notifyListeners(SWT.MouseDown, down);
        assertNotNull(canvas.getSelection());
        assertEquals("fc1", canvas.getSelection().id());
        String text = view.getDetails().getText();
        assertTrue(text.startsWith("MatMul  fc1"), text);
        assertTrue(text.contains("w1 : FLOAT32[8,16] weights"), text);
    }

    @Test
    void wheelZoomsAroundThePointerAndFitRestores() {
        GraphCanvas canvas = view.getCanvas();
        canvas.fit();
        double fitted = canvas.getScale();
        Event wheel = new Event();
        wheel.count = 3;
        wheel.x = 50;
        wheel.y = 50;
        canvas.notifyListeners(SWT.MouseVerticalWheel, wheel);
        assertTrue(canvas.getScale() > fitted, "wheel up zooms in");
        Event key = new Event();
        key.character = 'f';
        canvas.notifyListeners(SWT.KeyDown, key);
        assertEquals(fitted, canvas.getScale(), 1e-9);
    }
}
