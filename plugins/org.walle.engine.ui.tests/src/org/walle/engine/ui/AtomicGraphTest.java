package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;
import org.walle.engine.runtime.ResizeReport;
import org.walle.engine.runtime.Session;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.ui.model.AtomicGraph;
import org.walle.engine.ui.model.InputShapes;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;
import org.walle.ui.testsupport.UiWait;

/** The graph view switches between the model's operators and the atomic commands they decompose into. */
class AtomicGraphTest {
    @AfterEach
    void restoreSample() {
        ModelService.get().setCurrent(new OpenModel(null, SampleGraphs.mlp()));
    }

    @Test
    void everyCommandBecomesAnOperatorWiredThroughItsTensors() {
        Graph mlp = SampleGraphs.mlp();
        ResizeReport report;
        try (Session s = new Session(mlp)) {
            report = s.resize(InputShapes.defaults(mlp));
        }
        Graph atomic = AtomicGraph.of(report, mlp.name());
        assertEquals(report.commands().size(), atomic.nodes().size());
        for (int i = 0; i < atomic.nodes().size(); i++) {
            Node n = atomic.nodes().get(i);
            assertTrue(n.name().startsWith("#"), n.name());
            assertTrue(report.commands().stream().anyMatch(c -> n.name().endsWith(" " + c.node())),
                    "named after its node: " + n.name());
        }
        assertTrue(atomic.nodes().stream().anyMatch(n -> n.opType().equals("MATMUL")));
        assertEquals(1, atomic.outputs().size(), "one final value: " + atomic.outputs());
        assertTrue(atomic.initializers().size() >= 2, "the weights stay constants: " + atomic.initializers().keySet());
    }

    @Test
    void theToolbarToggleShowsTheAtomicGraphAndBack() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        GraphView view = (GraphView) page.showView(GraphView.ID);
        ModelService.get().setCurrent(new OpenModel(null, SampleGraphs.mlp()));
        int commands;
        try (Session s = new Session(SampleGraphs.mlp())) {
            commands = s.resize(InputShapes.defaults(SampleGraphs.mlp())).commands().size();
        }
        view.showAtomic(true);
        UiWait.until("the atomic graph", () -> view.getGraph().name().endsWith("(atomic)")
                && view.getCanvas().getGraphLayout() != null
                && view.getCanvas().getGraphLayout().nodes().stream().anyMatch(b -> "MATMUL".equals(b.title())),
                30_000);
        assertEquals(commands, view.getGraph().nodes().size());
        view.showAtomic(false);
        UiWait.until("the model graph again", () -> view.getCanvas().getGraphLayout() != null
                && view.getCanvas().getGraphLayout().nodes().stream().anyMatch(b -> "MatMul".equals(b.title())),
                30_000);
        assertEquals(SampleGraphs.mlp().nodes().size(), view.getGraph().nodes().size());
    }
}
