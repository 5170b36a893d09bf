package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/**
 * Layout and first paint of a generated 5,000-node graph (a chain of residual blocks with a side branch each, so
 * ELK has real crossings to minimise). The time is printed for docs/benchmarks.md; the assertion only bounds it
 * generously, timings on this shared machine are not pass/fail.
 */
class LargeGraphTest {
    static Graph residualChain(int blocks) {
        GraphBuilder b = new GraphBuilder("generated-" + blocks).input("x", DType.FLOAT32, Shape.of(1, 64));
        String last = "x";
        for (int i = 0; i < blocks; i++) {
            b.node("relu" + i, "Relu", List.of(last), "r" + i);
            b.node("neg" + i, "Neg", List.of("r" + i), "n" + i);
            b.node("sig" + i, "Sigmoid", List.of(last), "s" + i);
            b.node("add" + i, "Add", List.of("n" + i, "s" + i), "a" + i);
            b.node("mul" + i, "Mul", List.of("a" + i, last), "m" + i);
            last = "m" + i;
        }
        return b.output(last).build();
    }

    @Test
    void fiveThousandNodesAreLaidOutAndPainted() throws Exception {
        Graph g = residualChain(1000);
        assertEquals(5000, g.nodes().size());
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        GraphView view = (GraphView) page.showView(GraphView.ID);
        long start = System.nanoTime();
        view.showGraph(g);
        UiWait.until("the 5,000-node layout", () -> view.getCanvas().getGraphLayout() != null
                && view.getCanvas().getGraphLayout().nodes().size() >= 5000, 180_000);
        view.getCanvas().redraw();
        view.getCanvas().update();
        UiWait.until("the first paint", () -> view.getCanvas().getLastPaintedBoxCount() > 0, 30_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("LargeGraphTest: 5,000-node graph laid out and first painted in %.2f s (%d boxes painted)%n",
                seconds, view.getCanvas().getLastPaintedBoxCount());
        assertTrue(seconds < 180, "generous bound, not a benchmark: " + seconds);
    }
}
