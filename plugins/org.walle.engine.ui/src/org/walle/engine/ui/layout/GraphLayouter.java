package org.walle.engine.ui.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;
import org.walle.engine.graph.ValueInfo;

/**
 * Lays an engine graph out top-down with ELK's layered algorithm. Graph inputs and outputs become boxes of their own
 * so the data flow reads from the first input to the last output; Constant nodes are weights and get no box. Free of SWT: text width comes from a function.
 */
public final class GraphLayouter {
    private static final double PADDING = 12;
    private static final double LINE_HEIGHT = 16;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private final ToDoubleFunction<String> textWidth;

    /** @param textWidth the pixel width of a label, as the canvas will draw it */
    public GraphLayouter(ToDoubleFunction<String> textWidth) {
        this.textWidth = textWidth;
    }

    public GraphLayout layout(Graph graph) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 28.0);

        Map<ElkNode, GraphLayout.NodeBox> templates = new HashMap<>();
        Map<String, ElkNode> producers = new HashMap<>();
        for (String input : graph.inputs()) {
            ElkNode box = box(root, templates, input, "input " + describe(graph, input), null);
            producers.put(input, box);
        }
        List<ElkEdge> edges = new ArrayList<>();
        Map<ElkEdge, String> edgeValues = new HashMap<>();
        for (Node node : graph.nodes()) {
            if (isWeight(node)) {
                continue;
            }
            ElkNode box = box(root, templates, node.opType(), subtitle(graph, node), node);
            for (String in : node.inputs()) {
                ElkNode from = producers.get(in);
                if (from != null) {
                    ElkEdge e = ElkGraphUtil.createSimpleEdge(from, box);
                    edges.add(e);
                    edgeValues.put(e, in);
                }
            }
            node.outputs().forEach(out -> producers.put(out, box));
        }
        for (String output : graph.outputs()) {
            ElkNode box = box(root, templates, output, "output " + describe(graph, output), null);
            ElkNode from = producers.get(output);
            if (from != null) {
                ElkEdge e = ElkGraphUtil.createSimpleEdge(from, box);
                edges.add(e);
                edgeValues.put(e, output);
            }
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        List<GraphLayout.NodeBox> boxes = new ArrayList<>();
        for (ElkNode n : root.getChildren()) {
            GraphLayout.NodeBox t = templates.get(n);
            boxes.add(new GraphLayout.NodeBox(t.id(), t.title(), t.subtitle(), t.node(), n.getX(), n.getY(),
                    n.getWidth(), n.getHeight()));
        }
        List<GraphLayout.EdgePath> paths = new ArrayList<>();
        for (ElkEdge e : edges) {
            for (ElkEdgeSection s : e.getSections()) {
                paths.add(new GraphLayout.EdgePath(edgeValues.get(e), points(s)));
            }
        }
        return new GraphLayout(boxes, paths, root.getWidth(), root.getHeight());
    }

    private ElkNode box(ElkNode root, Map<ElkNode, GraphLayout.NodeBox> templates, String title, String subtitle,
            Node node) {
        ElkNode n = ElkGraphUtil.createNode(root);
        double width = Math.max(textWidth.applyAsDouble(title), textWidth.applyAsDouble(subtitle)) + 2 * PADDING;
        n.setDimensions(Math.max(80, width), 2 * LINE_HEIGHT + PADDING);
        n.setIdentifier(node != null ? node.name() : title);
        templates.put(n, new GraphLayout.NodeBox(n.getIdentifier(), title, subtitle, node, 0, 0, 0, 0));
        return n;
    }

    /** Constant nodes are weights, like initializers: not drawn as operators (the outline still lists them). */
    static boolean isWeight(Node node) {
        return "Constant".equals(node.opType()) && node.inputs().isEmpty();
    }

    /** The node's name and, when known, the shape it produces. */
    private static String subtitle(Graph graph, Node node) {
        String shape = node.outputs().isEmpty() ? "" : describe(graph, node.outputs().get(0));
        return shape.isEmpty() ? node.name() : node.name() + "  " + shape;
    }

    private static String describe(Graph graph, String value) {
        return graph.value(value).map(ValueInfo::shape).map(Object::toString).orElse("");
    }

    private static double[] points(ElkEdgeSection s) {
        List<ElkBendPoint> bends = s.getBendPoints();
        double[] pts = new double[4 + 2 * bends.size()];
        pts[0] = s.getStartX();
        pts[1] = s.getStartY();
        for (int i = 0; i < bends.size(); i++) {
            pts[2 + 2 * i] = bends.get(i).getX();
            pts[3 + 2 * i] = bends.get(i).getY();
        }
        pts[pts.length - 2] = s.getEndX();
        pts[pts.length - 1] = s.getEndY();
        return pts;
    }
}
