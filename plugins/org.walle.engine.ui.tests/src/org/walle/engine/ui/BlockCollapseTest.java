package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.graph.Node;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;
import org.walle.engine.ui.layout.Block;
import org.walle.engine.ui.layout.BlockFinder;
import org.walle.engine.ui.layout.Collapse;
import org.walle.engine.ui.layout.GraphLayout;
import org.walle.engine.ui.layout.GraphLayout.Kind;
import org.walle.engine.ui.layout.GraphLayout.NodeBox;
import org.walle.engine.ui.layout.GraphLayouter;
import org.walle.engine.ui.layout.SvgExporter;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;
import org.walle.ui.testsupport.UiWait;

/**
 * Repeated blocks and If/Loop/Scan subgraphs collapse to one box each and expand again: found on generated graphs,
 * laid out headless, and double-clicked in the graph view.
 */
class BlockCollapseTest {
    private final GraphLayouter layouter = new GraphLayouter(s -> 7.0 * s.length());

    @AfterEach
    void restoreSample() {
        ModelService.get().setCurrent(new OpenModel(null, SampleGraphs.mlp()));
    }

    @Test
    void kRepeatsOfABlockAreFoundAndEachBecomesOneBox() {
        Graph g = LargeGraphTest.residualChain(7);
        List<Block> blocks = BlockFinder.find(g);
        assertEquals(7, blocks.size(), blocks.toString());
        for (int i = 0; i < 7; i++) {
            Block b = blocks.get(i);
            assertEquals("A", b.kind());
            assertEquals(i + 1, b.index());
            assertEquals(7, b.count());
            assertEquals(Set.of("relu" + i, "neg" + i, "sig" + i, "add" + i, "mul" + i),
                    b.nodes().stream().map(Node::name).collect(Collectors.toSet()));
        }
        GraphLayout collapsed = layouter.layout(g, new Collapse(blocks, Set.of()), () -> false);
        assertEquals(7, collapsed.count(Kind.BLOCK));
        assertEquals(0, collapsed.count(Kind.OPERATOR), "every operator is inside a block");
        assertEquals(2, collapsed.count(Kind.VALUE), "the input and the output");
        assertEquals(8, collapsed.edges().size(), "x -> block 1 -> ... -> block 7 -> output, inner edges dropped");

        GraphLayout oneOpen = layouter.layout(g, new Collapse(blocks, Set.of(blocks.get(3).id())), () -> false);
        assertEquals(6, oneOpen.count(Kind.BLOCK));
        assertEquals(5, oneOpen.count(Kind.OPERATOR));
        assertTrue(oneOpen.nodes().stream().filter(b -> b.kind() == Kind.OPERATOR)
                .allMatch(b -> blocks.get(3).id().equals(b.toggle())), "a double-click on a member collapses it again");

        Set<String> all = blocks.stream().map(Block::id).collect(Collectors.toSet());
        GraphLayout open = layouter.layout(g, new Collapse(blocks, all), () -> false);
        assertEquals(names(g), open.nodes().stream().filter(b -> b.kind() == Kind.OPERATOR).map(NodeBox::id)
                .collect(Collectors.toSet()), "expanding every block restores every operator");
    }

    @Test
    void aBlockWithDifferentWiringOrNoRepeatIsNotCollapsed() {
        // hostile: the same op types in every window, but every other block skips its Neg (wired differently)
        GraphBuilder b = new GraphBuilder("alternating").input("x", DType.FLOAT32, Shape.of(4));
        String last = "x";
        for (int i = 0; i < 6; i++) {
            b.node("relu" + i, "Relu", List.of(last), "r" + i);
            b.node("neg" + i, "Neg", List.of("r" + i), "n" + i);
            b.node("add" + i, "Add", List.of(i % 2 == 0 ? "n" + i : "r" + i, last), "a" + i);
            last = "a" + i;
        }
        List<Block> blocks = BlockFinder.find(b.output(last).build());
        assertEquals(3, blocks.size(), blocks.toString());
        assertTrue(blocks.stream().allMatch(block -> block.nodes().size() == 6),
                "only the six-operator period of two different blocks repeats: " + blocks);
        assertTrue(BlockFinder.find(SampleGraphs.mlp()).isEmpty(), "nothing repeats in the MLP sample");
    }

    @Test
    void anIfShowsItsBranchesOnlyWhenExpanded() {
        Graph g = ifGraph();
        NodeBox collapsed = layouter.layout(g, Collapse.NONE, () -> false).nodes().stream()
                .filter(b -> b.kind() == Kind.SUBGRAPHS).findFirst().orElseThrow();
        assertTrue(collapsed.title().contains("2 subgraph(s), 3 ops"), collapsed.title());
        GraphLayout open = layouter.layout(g, new Collapse(List.of(), Set.of(collapsed.toggle())), () -> false);
        assertEquals(3, open.count(Kind.CONTAINER), "the If and its two branches");
        List<String> inner = open.nodes().stream().filter(b -> b.kind() == Kind.OPERATOR).map(NodeBox::title).toList();
        assertTrue(inner.containsAll(List.of("Relu", "Mul", "Neg")), inner.toString());
        NodeBox ifBox = open.nodes().stream().filter(b -> b.id().equals("if")).findFirst().orElseThrow();
        NodeBox relu = open.nodes().stream().filter(b -> "Relu".equals(b.title())).findFirst().orElseThrow();
        assertTrue(ifBox.contains(relu.x(), relu.y()) && ifBox.contains(relu.x() + relu.width(),
                relu.y() + relu.height()), "the branch operators are drawn inside the If");
        assertEquals(relu, open.nodeAt(relu.centerX(), relu.y() + 2), "a click inside hits the inner box");
        String svg = SvgExporter.toSvg(open);
        assertTrue(svg.indexOf("#f8f8fa") >= 0 && svg.indexOf("#f8f8fa") < svg.indexOf("<polyline")
                && svg.indexOf(">Relu<") > svg.lastIndexOf("<polyline"), "frames behind edges, boxes above them");
    }

    @Test
    void doubleClickingACollapsedBlockInTheViewExpandsIt() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        GraphView view = (GraphView) page.showView(GraphView.ID);
        Graph g = LargeGraphTest.residualChain(7);
        view.showGraph(g);
        view.setCollapseBlocks(true);
        UiWait.until("7 collapsed blocks", () -> layoutOf(view) != null && layoutOf(view).count(Kind.BLOCK) == 7,
                30_000);
        NodeBox third = layoutOf(view).nodes().stream().filter(b -> b.kind() == Kind.BLOCK).skip(2).findFirst()
                .orElseThrow();
        view.getCanvas().reveal(third);
        int[] at = view.getCanvas().toCanvas(third.centerX(), third.y() + third.height() / 2);
        Event click = new Event();
        click.x = at[0];
        click.y = at[1];
        click.button = 1;
        view.getCanvas().notifyListeners(SWT.MouseDoubleClick, click);
        UiWait.until("the third block expanded", () -> layoutOf(view).count(Kind.BLOCK) == 6, 30_000);
        Set<String> shown = layoutOf(view).nodes().stream().map(NodeBox::id).collect(Collectors.toSet());
        assertTrue(shown.containsAll(third.members().stream().map(Node::name).toList()), shown.toString());

        view.setCollapseBlocks(false);
        UiWait.until("every operator", () -> layoutOf(view).count(Kind.BLOCK) == 0, 30_000);
        assertEquals(names(g), layoutOf(view).nodes().stream().filter(b -> b.kind() == Kind.OPERATOR)
                .map(NodeBox::id).collect(Collectors.toSet()));
    }

    private static GraphLayout layoutOf(GraphView view) {
        return view.getCanvas().getGraphLayout();
    }

    private static Set<String> names(Graph g) {
        return g.nodes().stream().map(Node::name).collect(Collectors.toSet());
    }

    /** then: Relu(x) * two; else: Neg(x). */
    static Graph ifGraph() {
        Graph then = new GraphBuilder("then").outerScope(Set.of("x"))
                .initializer("two", Tensor.of(Shape.scalar(), 2))
                .node("relu", "Relu", List.of("x"), "r")
                .node("mul", "Mul", List.of("r", "two"), "t").output("t").build();
        Graph otherwise = new GraphBuilder("else").outerScope(Set.of("x"))
                .node("neg", "Neg", List.of("x"), "n").output("n").build();
        return new GraphBuilder("main").input("x", DType.FLOAT32, Shape.of(2, 2))
                .input("flag", DType.BOOL, Shape.scalar())
                .node("if", "If", List.of("flag"), List.of("y"), Map.of("then_branch", then, "else_branch", otherwise))
                .output("y").build();
    }
}
