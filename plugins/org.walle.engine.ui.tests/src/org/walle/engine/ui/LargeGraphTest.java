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
import org.walle.engine.ui.layout.GraphLayout;
import org.walle.ui.testsupport.UiWait;

/**
 * Layout and first paint of a generated 5,000-node graph (a chain of residual blocks with a side branch each, so
 * ELK has real crossings to minimise), as the view opens it (blocks collapsed) and with every operator shown. The
 * times are printed for docs/benchmarks.md; the assertion only bounds them generously, timings on this shared
 * machine are not pass/fail.
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
        // as the view opens it: above 1,000 operators the repeated blocks are collapsed, one box per repeat
        double[] collapsed = layOutAndPaint(view, () -> view.showGraph(g), 1000);
        assertEquals(1000, view.getCanvas().getGraphLayout().count(GraphLayout.Kind.BLOCK));
        // every operator as its own box
        double[] full = layOutAndPaint(view, () -> view.setCollapseBlocks(false), 5000);
        int painted = view.getCanvas().getLastPaintedBoxCount();
        System.out.printf("LargeGraphTest: 5,000-node graph laid out and first painted in %.2f s (layout %.2f s, "
                + "paint %.3f s) with its 1,000 blocks collapsed; %.2f s (layout %.2f s, paint %.3f s) with every "
                + "operator as a box, %d of %d boxes painted%n", collapsed[0] + collapsed[1], collapsed[0],
                collapsed[1], full[0] + full[1], full[0], full[1], painted,
                view.getCanvas().getGraphLayout().nodes().size());
        assertTrue(painted < 1000, "only the visible boxes are painted: " + painted);
        assertTrue(collapsed[0] + collapsed[1] < 180 && full[0] + full[1] < 180,
                "generous bound, not a benchmark: " + collapsed[0] + ", " + full[0]);
    }

    /** Seconds until the layout is on the canvas, and seconds of the first paint after it. */
    private static double[] layOutAndPaint(GraphView view, Runnable start, int boxes) {
        long t0 = System.nanoTime();
        start.run();
        UiWait.until(boxes + " boxes laid out", () -> view.getCanvas().getGraphLayout() != null
                && view.getCanvas().getGraphLayout().nodes().size() >= boxes
                && view.getCanvas().getGraphLayout().nodes().size() < boxes + 10, 180_000);
        long t1 = System.nanoTime();
        view.getCanvas().redraw();
        view.getCanvas().update();
        UiWait.until("the first paint", () -> view.getCanvas().getLastPaintedBoxCount() > 0, 30_000);
        return new double[] {(t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9};
    }
}
