package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.IPropertySource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.ui.layout.SvgExporter;
import org.walle.ui.testsupport.UiWait;

/** Find, keyboard navigation, the workbench selection for the Properties view, and export. */
class GraphInteractionTest {
    private GraphView view;

    @BeforeEach
    void openSample() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = (GraphView) page.showView(GraphView.ID);
        view.showGraph(SampleGraphs.mlp());
        UiWait.until("the layout", () -> view.getCanvas().getGraphLayout() != null
                && view.getCanvas().getGraphLayout().nodes().size() == 7, 30_000);
        view.getCanvas().select(null);
    }

    @Test
    void findCyclesThroughMatchesByType() {
        view.getFindField().setText("matmul");
        view.getFindField().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals("fc1", view.getCanvas().getSelection().id());
        view.getFindField().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals("fc2", view.getCanvas().getSelection().id());
        view.getFindField().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals("fc1", view.getCanvas().getSelection().id(), "wraps around");
    }

    @Test
    void arrowKeysWalkTheGraph() {
        view.getFindField().setText("bias1");
        view.getFindField().notifyListeners(SWT.DefaultSelection, new Event());
        key(SWT.ARROW_DOWN);
        assertEquals("act1", view.getCanvas().getSelection().id());
        key(SWT.ARROW_UP);
        key(SWT.ARROW_UP);
        assertEquals("fc1", view.getCanvas().getSelection().id());
    }

    @Test
    void selectedOperatorReachesThePropertiesViewAsAPropertySource() {
        view.getFindField().setText("fc2");
        view.getFindField().notifyListeners(SWT.DefaultSelection, new Event());
        IStructuredSelection selection = (IStructuredSelection) view.getSite().getSelectionProvider().getSelection();
        NodeElement element = (NodeElement) selection.getFirstElement();
        IPropertySource source = element.getAdapter(IPropertySource.class);
        assertEquals("MatMul", source.getPropertyValue(Messages.propGeneral + "/" + Messages.propOpType));
        String weights = (String) source.getPropertyValue(Messages.propInputs + "/#1 w2");
        assertTrue(weights.startsWith("FLOAT32[16,4] weights"), weights);
    }

    @Test
    void exportsWellFormedSvgAndARealPng(@TempDir Path dir) throws Exception {
        String svg = SvgExporter.toSvg(view.getCanvas().getGraphLayout());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals(7, doc.getElementsByTagName("rect").getLength());
        assertEquals(6, doc.getElementsByTagName("polyline").getLength());
        Path png = dir.resolve("mlp.png");
        ImageExport.savePng(view.getCanvas().getDisplay(), view.getCanvas().getGraphLayout(), b -> false, png);
        ImageData data = new ImageData(png.toString());
        assertTrue(data.width > view.getCanvas().getGraphLayout().width(), "whole layout plus margins");
        assertTrue(Files.size(png) > 1000);
    }

    private void key(int keyCode) {
        Event e = new Event();
        e.keyCode = keyCode;
        view.getCanvas().notifyListeners(SWT.KeyDown, e);
    }
}
