package org.walle.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.ops.internal.ValueDemand;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Value inputs found through subgraphs: conditions and trip counts computed from graph inputs at any depth. */
class ValueDemandTest {
    private static final OpRegistry OPS = OpRegistry.standard();

    @Test
    void flatGraphsAgreeWithTheSession() {
        Graph g = new GraphBuilder("rs").input("x", DType.FLOAT32, Shape.of(2, 3)).input("shape", DType.INT64, Shape.of(2))
                .input("unused", DType.INT64, Shape.of(2))
                .node("s", "Shape", List.of("x"), "xs")
                .node("add", "Add", List.of("shape", "xs"), "target")
                .node("reshape", "Reshape", List.of("x", "target"), "y").output("y").build();
        assertEquals(Set.of("shape"), ValueDemand.graphInputs(g, OPS));
        assertEquals(new Session(g).valueInputs(), ValueDemand.graphInputs(g, OPS));
    }

    @Test
    void nestedConditionReadFromTheOuterScopeMakesItsInputAValueInput() {
        Graph leaf = new GraphBuilder("leaf").outerScope(Set.of("x")).node("neg", "Neg", List.of("x"), "n").output("n").build();
        Graph middle = new GraphBuilder("middle").outerScope(Set.of("x", "ic"))
                .node("inner", "If", List.of("ic"), List.of("z"), Map.of("then_branch", leaf, "else_branch", leaf))
                .output("z").build();
        Graph g = new GraphBuilder("main").input("x", DType.FLOAT32, Shape.of(2)).input("c", DType.BOOL, Shape.scalar())
                .input("k", DType.INT64, Shape.scalar()).initializer("one", Tensor.ofLongs(Shape.scalar(), 1))
                .node("eq", "Equal", List.of("k", "one"), "ic")
                .node("outer", "If", List.of("c"), List.of("y"), Map.of("then_branch", middle, "else_branch", middle))
                .output("y").build();
        assertEquals(Set.of("c", "k"), ValueDemand.graphInputs(g, OPS), "x is data only");
    }

    @Test
    void loopConditionComputedFromCarriedStateReachesTheInitialValue() {
        // body: s_out = s - 1, cond_out = s_out > 0; the loop's length depends on the initial s0, not on x
        Graph body = new GraphBuilder("body").outerScope(Set.of("x"))
                .input("i", DType.INT64, Shape.scalar()).input("c", DType.BOOL, Shape.scalar())
                .input("s", DType.INT64, Shape.scalar()).input("acc", DType.FLOAT32, Shape.of(2))
                .initializer("one", Tensor.ofLongs(Shape.scalar(), 1)).initializer("zero", Tensor.ofLongs(Shape.scalar(), 0))
                .node("dec", "Sub", List.of("s", "one"), "s_out")
                .node("gt", "Greater", List.of("s_out", "zero"), "c_out")
                .node("add", "Add", List.of("acc", "x"), "acc_out")
                .output("c_out").output("s_out").output("acc_out").build();
        Graph g = new GraphBuilder("main").input("x", DType.FLOAT32, Shape.of(2)).input("s0", DType.INT64, Shape.scalar())
                .input("a0", DType.FLOAT32, Shape.of(2)).initializer("go", Tensor.wrap(DType.BOOL, Shape.scalar(), new byte[] {1}))
                .node("loop", "Loop", List.of("", "go", "s0", "a0"), List.of("s_end", "acc_end"), Map.of("body", body))
                .output("acc_end").build();
        assertEquals(Set.of("s0"), ValueDemand.graphInputs(g, OPS));
    }
}
