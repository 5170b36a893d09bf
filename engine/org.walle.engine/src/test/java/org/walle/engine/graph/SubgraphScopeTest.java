package org.walle.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/** Subgraphs (If/Loop/Scan bodies) reading values of the graphs around them: declaration, validation, ordering. */
class SubgraphScopeTest {
    private static Graph branchReading(String name, String outerValue) {
        return new GraphBuilder(name).outerScope(Set.of(outerValue))
                .node(name + "_neg", "Neg", List.of(outerValue), name + "_out").output(name + "_out").build();
    }

    @Test
    void undeclaredOuterReadIsStillADanglingInput() {
        // hostile: a body reading a name nobody declared must not slip through as an outer-scope value
        GraphException e = assertThrows(GraphException.class, () -> new GraphBuilder("body")
                .node("neg", "Neg", List.of("x"), "y").output("y").build());
        assertEquals("neg", e.where());
        assertTrue(e.getMessage().contains("'x' is not produced"), e.getMessage());
    }

    @Test
    void declaredOuterReadsAreRecordedAndPropagateThroughNesting() {
        Graph inner = new GraphBuilder("inner").outerScope(Set.of("x", "mid"))
                .node("add", "Add", List.of("x", "mid"), "sum").output("sum").build();
        assertEquals(Set.of("x", "mid"), inner.outerReads());
        Graph middle = new GraphBuilder("middle").outerScope(Set.of("x", "flag"))
                .node("relu", "Relu", List.of("x"), "mid")
                .node("if", "If", List.of("flag"), List.of("r"), Map.of("then_branch", inner, "else_branch", inner))
                .output("r").build();
        // mid is produced inside middle, so only x and flag come from further out
        assertEquals(Set.of("x", "flag"), middle.outerReads());
        assertEquals(Set.of("flag", "x", "mid"), Graph.reads(middle.nodes().get(1)));
        assertEquals(List.of(), Graph.subgraphs(middle.nodes().get(0)));
    }

    @Test
    void subgraphReadingANameInvisibleToTheEnclosingGraphIsRefused() {
        // hostile: the body declares 'ghost' as outer scope, but the enclosing graph has no such value
        Graph body = branchReading("then", "ghost");
        GraphException e = assertThrows(GraphException.class, () -> new GraphBuilder("main")
                .input("c", DType.BOOL, Shape.scalar())
                .node("if", "If", List.of("c"), List.of("y"), Map.of("then_branch", body, "else_branch", body))
                .output("y").build());
        assertEquals("if", e.where());
        assertTrue(e.getMessage().contains("'ghost'") && e.getMessage().contains("not visible"), e.getMessage());
    }

    @Test
    void nodeWithABodyIsSortedAfterWhatItsBodyReads() {
        Graph body = branchReading("then", "r");
        // the If is added first and its only explicit input is a graph input: the implicit read orders it
        Graph g = new GraphBuilder("main").input("x", DType.FLOAT32, Shape.of(2)).input("c", DType.BOOL, Shape.scalar())
                .node("if", "If", List.of("c"), List.of("y"), Map.of("then_branch", body, "else_branch", body))
                .node("relu", "Relu", List.of("x"), "r").output("y").build();
        assertEquals(List.of("relu", "if"), g.nodes().stream().map(Node::name).toList());
        assertEquals(Set.of(), g.outerReads());
    }

    @Test
    void bodyReadingItsOwnNodesOutputIsACycle() {
        // hostile: the branch reads y, which only exists once the If has run
        Graph body = branchReading("then", "y");
        GraphException e = assertThrows(GraphException.class, () -> new GraphBuilder("main")
                .input("c", DType.BOOL, Shape.scalar())
                .node("if", "If", List.of("c"), List.of("y"), Map.of("then_branch", body, "else_branch", body))
                .output("y").build());
        assertEquals("if", e.where());
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void bodyOutputMayBeAnOuterValue() {
        Graph passThrough = new GraphBuilder("pass").outerScope(Set.of("x")).output("x").build();
        assertEquals(Set.of("x"), passThrough.outerReads());
    }
}
