package org.walle.engine.ui.layout;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;
import org.walle.engine.graph.ValueInfo;
import org.walle.engine.ui.layout.GraphLayout.Kind;
import org.walle.engine.ui.layout.GraphLayout.NodeBox;

/**
 * Turns an engine graph into an ELK graph: a node per operator, graph input and output, one node per collapsed
 * block repeat (its inner edges dropped, parallel edges merged), and for an expanded If/Loop/Scan a compound node
 * holding a compound per subgraph. ELK lays out left to right, the layouter turns the result top-down: nodes are
 * created with width and height swapped and the title padding on the left.
 */
final class ElkGraphBuilder {
    private static final double PADDING = 12;
    private static final double LINE_HEIGHT = 16;
    private static final double BOX_HEIGHT = 2 * LINE_HEIGHT + PADDING;

    private final ToDoubleFunction<String> textWidth;
    private final Collapse collapse;
    private final Map<String, Block> collapsedBlockOf = new HashMap<>();
    /** Operators of expanded blocks: a double-click on one collapses its block again. */
    private final Map<String, Block> expandedBlockOf = new HashMap<>();
    /** The box template of every ELK node, with the layout coordinates still zero. */
    final Map<ElkNode, NodeBox> templates = new HashMap<>();
    /** The value an edge carries. */
    final Map<ElkEdge, String> edgeValues = new HashMap<>();
    private final Map<String, ElkNode> blockNodes = new HashMap<>();
    private final Map<ElkNode, Set<ElkNode>> linked = new HashMap<>();

    ElkGraphBuilder(ToDoubleFunction<String> textWidth, Collapse collapse) {
        this.textWidth = textWidth;
        this.collapse = collapse;
        for (Block b : collapse.blocks()) {
            Map<String, Block> target = collapse.expanded().contains(b.id()) ? expandedBlockOf : collapsedBlockOf;
            b.nodes().forEach(n -> target.put(n.name(), b));
        }
    }

    /** Adds the graph's inputs, operators and outputs as children of {@code parent}. */
    void add(ElkNode parent, Graph graph, String idPrefix) {
        Map<String, ElkNode> producers = new HashMap<>();
        for (String input : graph.inputs()) {
            if (!graph.initializers().containsKey(input)) {
                producers.put(input, box(parent, idPrefix + input, input, "input " + describe(graph, input), null,
                        Kind.VALUE, null, List.of()));
            }
        }
        for (Node node : graph.nodes()) {
            if (GraphLayouter.isWeight(node)) {
                continue;
            }
            ElkNode box = operator(parent, graph, node, idPrefix);
            for (String in : node.inputs()) {
                link(producers.get(in), box, in);
            }
            node.outputs().forEach(out -> producers.put(out, box));
        }
        for (String output : graph.outputs()) {
            ElkNode box = box(parent, idPrefix + "output " + output, output, "output " + describe(graph, output), null,
                    Kind.VALUE, null, List.of());
            link(producers.get(output), box, output);
        }
    }

    private ElkNode operator(ElkNode parent, Graph graph, Node node, String idPrefix) {
        Block block = idPrefix.isEmpty() ? collapsedBlockOf.get(node.name()) : null;
        if (block != null) {
            return blockNodes.computeIfAbsent(block.id(), id -> box(parent, id, block.title(), block.summary(), null,
                    Kind.BLOCK, id, block.nodes()));
        }
        List<Graph> subgraphs = subgraphs(node);
        if (subgraphs.isEmpty()) {
            Block open = idPrefix.isEmpty() ? expandedBlockOf.get(node.name()) : null;
            return box(parent, idPrefix + node.name(), node.opType(), subtitle(graph, node), node, Kind.OPERATOR,
                    open == null ? null : open.id(), List.of());
        }
        String key = Collapse.subgraphKey(node);
        int inner = subgraphs.stream().mapToInt(g -> g.nodes().size()).sum();
        String counts = subgraphs.size() + " subgraph(s), " + inner + " ops";
        if (!collapse.expanded().contains(key)) {
            return box(parent, idPrefix + node.name(), node.opType() + " \u25b8 " + counts, subtitle(graph, node),
                    node, Kind.SUBGRAPHS, key, List.of());
        }
        ElkNode container = box(parent, idPrefix + node.name(), node.opType() + " \u25be " + counts,
                subtitle(graph, node), node, Kind.CONTAINER, key, List.of());
        container.setProperty(CoreOptions.PADDING, new ElkPadding(PADDING, PADDING, PADDING, BOX_HEIGHT));
        GraphLayouter.configure(container);
        for (Graph sub : subgraphs) {
            ElkNode frame = box(container, idPrefix + node.name() + "/" + sub.name(), sub.name(),
                    sub.nodes().size() + " ops", null, Kind.CONTAINER, key, List.of());
            frame.setProperty(CoreOptions.PADDING, new ElkPadding(PADDING, PADDING, PADDING, BOX_HEIGHT));
            GraphLayouter.configure(frame);
            add(frame, sub, idPrefix + node.name() + "/" + sub.name() + "/");
        }
        return container;
    }

    private static List<Graph> subgraphs(Node node) {
        return node.attributes().values().stream().filter(Graph.class::isInstance).map(Graph.class::cast).toList();
    }

    /** One edge per pair of boxes: a block's inner edges and repeated edges between the same boxes are dropped. */
    private void link(ElkNode from, ElkNode to, String value) {
        if (from == null || from == to || !linked.computeIfAbsent(from, f -> new HashSet<>()).add(to)) {
            return;
        }
        ElkEdge e = ElkGraphUtil.createSimpleEdge(from, to);
        edgeValues.put(e, value);
    }

    private ElkNode box(ElkNode parent, String id, String title, String subtitle, Node node, Kind kind, String toggle,
            List<Node> members) {
        ElkNode n = ElkGraphUtil.createNode(parent);
        double width = Math.max(80,
                Math.max(textWidth.applyAsDouble(title), textWidth.applyAsDouble(subtitle)) + 2 * PADDING);
        n.setDimensions(BOX_HEIGHT, width); // swapped: ELK lays out left to right
        n.setIdentifier(id);
        templates.put(n, new NodeBox(id, title, subtitle, node, 0, 0, 0, 0, kind, toggle, members));
        return n;
    }

    /** The node's name and, when known, the shape it produces. */
    private static String subtitle(Graph graph, Node node) {
        String shape = node.outputs().isEmpty() ? "" : describe(graph, node.outputs().get(0));
        return shape.isEmpty() ? node.name() : node.name() + "  " + shape;
    }

    private static String describe(Graph graph, String value) {
        return graph.value(value).map(ValueInfo::shape).map(Object::toString).orElse("");
    }
}
