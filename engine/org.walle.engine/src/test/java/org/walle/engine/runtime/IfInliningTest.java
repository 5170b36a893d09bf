package org.walle.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.graph.GraphException;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.UnsupportedOpException;
import org.walle.engine.runtime.internal.Planner;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** If planned at resize time: the branch taken is inlined, reading the enclosing graph's tensors by name. */
class IfInliningTest {
    private static final Tensor X = Tensor.of(Shape.of(2, 2), 1, -2, 3, -4);

    private static Tensor flag(boolean b) {
        return Tensor.wrap(DType.BOOL, Shape.scalar(), new byte[] {(byte) (b ? 1 : 0)});
    }

    /** then: y = Relu(x) * two (two is the branch's own initializer); else: y = Neg(x). */
    private static Graph ifOnFlag() {
        Graph then = new GraphBuilder("then").outerScope(Set.of("x"))
                .initializer("two", Tensor.of(Shape.scalar(), 2))
                .node("relu", "Relu", List.of("x"), "r")
                .node("mul", "Mul", List.of("r", "two"), "t").output("t").build();
        Graph otherwise = new GraphBuilder("else").outerScope(Set.of("x"))
                .node("neg", "Neg", List.of("x"), "n").output("n").build();
        return new GraphBuilder("main").input("x", DType.FLOAT32, Shape.of(2, 2)).input("flag", DType.BOOL, Shape.scalar())
                .node("if", "If", List.of("flag"), List.of("y"), Map.of("then_branch", then, "else_branch", otherwise))
                .output("y").build();
    }

    private static float[] values(Tensor t) {
        return t.buffer();
    }

    @Test
    void takesEitherBranchAndResizesWhenTheConditionChanges() {
        Session s = new Session(ifOnFlag());
        assertEquals(Set.of("flag"), s.valueInputs(), "If reads its condition by value");
        assertArrayEquals(new float[] {2, 0, 6, 0}, values(s.run(Map.of("x", X, "flag", flag(true))).get("y")));
        ResizeReport thenPlan = s.lastReport();
        assertFalse(thenPlan.commandsOf("if").isEmpty(), "the If owns its branch's commands");
        assertTrue(thenPlan.commandsOf("if/relu").size() == 1, "inlined nodes are reported under the If's name");
        assertArrayEquals(new float[] {-1, 2, -3, 4}, values(s.run(Map.of("x", X, "flag", flag(false))).get("y")));
        assertNotSame(thenPlan, s.lastReport(), "a new condition value resizes");
        ResizeReport elsePlan = s.lastReport();
        s.run(Map.of("x", Tensor.of(Shape.of(2, 2), 5, 5, 5, 5), "flag", flag(false)));
        assertSame(elsePlan, s.lastReport(), "same condition, same shapes: no resize");
    }

    @Test
    void conditionFromShapesIsFoldedWithoutAValueInput() {
        // cond = (Size(x) == 4): known from the fed shape alone
        Graph then = new GraphBuilder("then").outerScope(Set.of("x")).node("neg", "Neg", List.of("x"), "n").output("n").build();
        Graph otherwise = new GraphBuilder("else").outerScope(Set.of("x")).output("x").build();
        Graph g = new GraphBuilder("main").input("x", DType.FLOAT32, Shape.of(Shape.DYNAMIC, 2))
                .initializer("four", Tensor.ofLongs(Shape.scalar(), 4))
                .node("size", "Size", List.of("x"), "s")
                .node("eq", "Equal", List.of("s", "four"), "c")
                .node("if", "If", List.of("c"), List.of("y"), Map.of("then_branch", then, "else_branch", otherwise))
                .output("y").build();
        Session s = new Session(g);
        assertEquals(Set.of(), s.valueInputs());
        assertArrayEquals(new float[] {-1, 2, -3, 4}, values(s.run(Map.of("x", X)).get("y")));
        Tensor six = Tensor.of(Shape.of(3, 2), 1, 2, 3, 4, 5, 6);
        assertArrayEquals(six.buffer(), values(s.run(Map.of("x", six)).get("y")), "else branch passes x through");
    }

    @Test
    void nestedIfReadsValuesOfEveryEnclosingScope() {
        // inner branch reads 'mid' (middle branch), 'x' (main graph) and its condition 'k' (a main-graph constant)
        Graph innerThen = new GraphBuilder("innerThen").outerScope(Set.of("x", "mid"))
                .node("add", "Add", List.of("x", "mid"), "sum").output("sum").build();
        Graph innerElse = new GraphBuilder("innerElse").outerScope(Set.of("x", "mid"))
                .node("sub", "Sub", List.of("x", "mid"), "diff").output("diff").build();
        // the middle branch also defines 'x2', shadowing nothing, and a value named like a main-graph one ('r')
        Graph middle = new GraphBuilder("middle").outerScope(Set.of("x", "k", "r"))
                .node("mulmid", "Mul", List.of("x", "x"), "mid")
                .node("inner", "If", List.of("k"), List.of("z"), Map.of("then_branch", innerThen, "else_branch", innerElse))
                .node("negr", "Neg", List.of("z"), "r")
                .output("r").build();
        Graph outerElse = new GraphBuilder("outerElse").outerScope(Set.of("r")).output("r").build();
        Graph g = new GraphBuilder("main").input("x", DType.FLOAT32, Shape.of(2, 2)).input("flag", DType.BOOL, Shape.scalar())
                .initializer("k", flag(false))
                .node("relu", "Relu", List.of("x"), "r")
                .node("outer", "If", List.of("flag"), List.of("y"), Map.of("then_branch", middle, "else_branch", outerElse))
                .node("plus", "Add", List.of("y", "r"), "w")
                .output("w").build();
        Session s = new Session(g);
        // then: y = -(x - x*x) (inner else since k is false); w = y + relu(x), where r in main is still relu(x)
        float[] w = values(s.run(Map.of("x", X, "flag", flag(true))).get("w"));
        float[] xs = X.buffer();
        for (int i = 0; i < 4; i++) {
            float expected = -(xs[i] - xs[i] * xs[i]) + Math.max(xs[i], 0);
            assertEquals(expected, w[i], 0f, "element " + i);
        }
        assertTrue(s.lastReport().commandsOf("outer/inner/sub").size() == 1);
        // else: y = r, w = 2 relu(x)
        assertArrayEquals(new float[] {2, 0, 6, 0}, values(s.run(Map.of("x", X, "flag", flag(false))).get("w")));
    }

    @Test
    void conditionOnlyKnownAtRunTimeIsRefusedNamingTheNode() {
        // hostile: the planner is not told flag's value, as if it were computed while running
        Planner planner = new Planner(ifOnFlag(), OpRegistry.standard(), true);
        UnsupportedOpException e = assertThrows(UnsupportedOpException.class,
                () -> planner.plan(Map.of("x", Shape.of(2, 2), "flag", Shape.scalar()), Map.of()));
        assertEquals("if", e.where());
        assertTrue(e.getMessage().contains("If condition must be known at resize time") && e.getMessage().contains("'flag'"),
                e.getMessage());
    }

    @Test
    void conditionOfSeveralElementsIsRefused() {
        // hostile: ONNX wants a single-element condition; two flags must not silently use the first
        Graph then = new GraphBuilder("then").outerScope(Set.of("x")).output("x").build();
        Graph g = new GraphBuilder("main").input("x", DType.FLOAT32, Shape.of(2, 2))
                .initializer("c", Tensor.wrap(DType.BOOL, Shape.of(2), new byte[] {1, 0}))
                .node("if", "If", List.of("c"), List.of("y"), Map.of("then_branch", then, "else_branch", then))
                .output("y").build();
        GraphException e = assertThrows(GraphException.class, () -> new Session(g).run(Map.of("x", X)));
        assertEquals("if", e.where());
        assertTrue(e.getMessage().contains("one element"), e.getMessage());
    }

    @Test
    void branchWithAnUnsupportedOpNamesTheInnerNode() {
        Graph then = new GraphBuilder("then").outerScope(Set.of("x"))
                .node("mystery", "NoSuchOp", List.of("x"), "m").output("m").build();
        Graph g = new GraphBuilder("main").input("x", DType.FLOAT32, Shape.of(2, 2))
                .initializer("c", flag(true))
                .node("if", "If", List.of("c"), List.of("y"), Map.of("then_branch", then, "else_branch", then))
                .output("y").build();
        UnsupportedOpException e = assertThrows(UnsupportedOpException.class, () -> new Session(g).run(Map.of("x", X)));
        assertEquals("mystery", e.where());
    }
}
