package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.ui.layout.Collapse;
import org.walle.engine.ui.layout.GraphLayout;
import org.walle.engine.ui.layout.GraphLayout.NodeBox;
import org.walle.engine.ui.layout.GraphLayouter;

class GraphLayouterTest {
    private final GraphLayouter layouter = new GraphLayouter(s -> 7.0 * s.length());

    @Test
    void everyOperatorInputAndOutputGetsABox() {
        GraphLayout layout = layouter.layout(SampleGraphs.mlp());
        assertEquals(5 + 1 + 1, layout.nodes().size(), "5 ops, 1 input, 1 output");
        assertEquals(4 + 1 + 1, layout.edges().size(), "4 op-to-op edges, input->fc1, bias2->output");
    }

    @Test
    void layoutIsTopDownAndBoxesDoNotOverlap() {
        Graph g = wideGraph(40);
        GraphLayout layout = layouter.layout(g);
        for (GraphLayout.EdgePath e : layout.edges()) {
            double[] p = e.points();
            assertTrue(p[p.length - 1] > p[1], "edge " + e.value() + " must point down");
        }
        List<NodeBox> boxes = new ArrayList<>(layout.nodes());
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertFalse(overlap(boxes.get(i), boxes.get(j)), boxes.get(i).id() + " overlaps " + boxes.get(j).id());
            }
        }
    }

    @Test
    void nodeAtFindsTheBoxUnderAPoint() {
        GraphLayout layout = layouter.layout(SampleGraphs.mlp());
        NodeBox fc1 = layout.nodes().stream().filter(b -> "fc1".equals(b.id())).findFirst().orElseThrow();
        assertEquals(fc1, layout.nodeAt(fc1.centerX(), fc1.y() + 2));
        assertEquals(null, layout.nodeAt(-100, -100));
    }

    @Test
    void aCancelledLayoutStopsWithoutAResult() {
        // hostile: cancelled before ELK's first phase
        assertThrows(CancellationException.class,
                () -> layouter.layout(wideGraph(40), Collapse.NONE, () -> true));
    }

    /** A chain of Relu nodes with a skip Add every third node: enough edges to exercise routing. */
    private static Graph wideGraph(int n) {
        GraphBuilder b = new GraphBuilder("wide").input("x", DType.FLOAT32, Shape.of(4));
        String prev = "x";
        for (int i = 0; i < n; i++) {
            String out = "v" + i;
            if (i % 3 == 2) {
                b.node("add" + i, "Add", List.of(prev, "v" + (i - 2)), out);
            } else {
                b.node("relu" + i, "Relu", List.of(prev), out);
            }
            prev = out;
        }
        return b.output(prev).build();
    }

    private static boolean overlap(NodeBox a, NodeBox b) {
        return a.x() < b.x() + b.width() && b.x() < a.x() + a.width()
                && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
    }
}
