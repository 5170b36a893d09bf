package org.walle.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

class GraphBuilderTest {

    @Test
    void opsetDefaultsTo13AndRejectsNonsense() {
        Graph plain = new GraphBuilder("g").input("x", DType.FLOAT32, Shape.of(1)).output("x").build();
        assertEquals(GraphBuilder.DEFAULT_OPSET, plain.opset());
        assertEquals(13, plain.opset());
        assertEquals(9, new GraphBuilder("g").opset(9).input("x", DType.FLOAT32, Shape.of(1)).output("x").build().opset());
        GraphException e = assertThrows(GraphException.class, () -> new GraphBuilder("g").opset(0));
        assertTrue(e.getMessage().contains("opset"), e.getMessage());
    }

    @Test
    void sortsNodesAddedOutOfOrder() {
        Graph g = new GraphBuilder("g").input("x", DType.FLOAT32, Shape.of(2))
                .node("second", "Relu", List.of("a"), "b")
                .node("first", "Relu", List.of("x"), "a")
                .output("b").build();
        assertEquals(List.of("first", "second"), g.nodes().stream().map(Node::name).toList());
        assertEquals(1, g.edges().size());
    }

    @Test
    void danglingInputIsReportedWithTheNodeName() {
        GraphException e = assertThrows(GraphException.class, () -> new GraphBuilder("g")
                .input("x", DType.FLOAT32, Shape.of(2))
                .node("lonely", "Add", List.of("x", "nowhere"), "y").output("y").build());
        assertEquals("lonely", e.where());
        assertTrue(e.getMessage().contains("nowhere"));
    }

    @Test
    void cycleIsRefused() {
        GraphException e = assertThrows(GraphException.class, () -> new GraphBuilder("g")
                .input("x", DType.FLOAT32, Shape.of(2))
                .node("a", "Add", List.of("x", "d"), "c")
                .node("b", "Relu", List.of("c"), "d").output("d").build());
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void cycleAtTheEndOfALongChainIsFoundQuickly() {
        // regression: the cycle error path scanned a list per node, so 100k nodes took minutes
        GraphBuilder b = new GraphBuilder("long").input("x", DType.FLOAT32, Shape.of(2));
        int n = 100_000;
        b.node("n0", "Relu", List.of("x"), "v0");
        for (int i = 1; i < n - 1; i++) {
            b.node("n" + i, "Relu", List.of("v" + (i - 1)), "v" + i);
        }
        b.node("loopA", "Add", List.of("v" + (n - 2), "w"), "u");
        b.node("loopB", "Relu", List.of("u"), "w");
        long start = System.nanoTime();
        GraphException e = assertThrows(GraphException.class, () -> b.output("w").build());
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "generous bound: linear work, not quadratic");
    }

    @Test
    void valueProducedTwiceIsRefused() {
        assertThrows(GraphException.class, () -> new GraphBuilder("g")
                .input("x", DType.FLOAT32, Shape.of(2))
                .node("a", "Relu", List.of("x"), "y")
                .node("b", "Relu", List.of("x"), "y").output("y").build());
    }

    @Test
    void sampleMlpHasTheExpectedStructure() {
        Graph g = SampleGraphs.mlp();
        assertEquals(5, g.nodes().size());
        assertEquals(2, g.opCounts().get("MatMul"));
        assertEquals(4, g.edges().size());
        assertEquals("fc1", g.producer("h1").orElseThrow().name());
    }
}
