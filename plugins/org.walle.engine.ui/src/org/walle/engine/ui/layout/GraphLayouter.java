package org.walle.engine.ui.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
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
import org.walle.engine.ui.layout.GraphLayout.NodeBox;

/**
 * Lays an engine graph out top-down with ELK's layered algorithm. Graph inputs and outputs become boxes of their own
 * so the data flow reads from the first input to the last output; Constant nodes are weights and get no box. Free of
 * SWT: text width comes from a function.
 *
 * <p>Speed on large graphs (5,000 operators): ELK runs left to right and the result is transposed here, which
 * skips ELK's own two whole-graph rotations for direction DOWN; connected components are not separated (a model is
 * one component, and the component search recursed deep enough to overflow a worker thread's stack); above
 * {@value #LARGE} boxes the crossing minimisation sweeps fewer times and nodes are placed by ELK's simple strategy
 * (faster than Brandes-Koepf, and it keeps long chains in a column). ELK still runs on a thread with a big stack,
 * because network simplex layering recurses along long paths.
 */
public final class GraphLayouter {
    /** Above this many boxes crossing minimisation is less thorough: its cost grows faster than the benefit. */
    static final int LARGE = 1000;
    private static final long ELK_STACK_BYTES = 512L << 20;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private final ToDoubleFunction<String> textWidth;

    /** @param textWidth the pixel width of a label, as the canvas will draw it */
    public GraphLayouter(ToDoubleFunction<String> textWidth) {
        this.textWidth = textWidth;
    }

    /** Every operator as its own box. */
    public GraphLayout layout(Graph graph) {
        return layout(graph, Collapse.NONE, () -> false);
    }

    /**
     * @param cancelled asked by ELK between its phases
     * @throws CancellationException when cancelled
     */
    public GraphLayout layout(Graph graph, Collapse collapse, BooleanSupplier cancelled) {
        ElkNode root = ElkGraphUtil.createGraph();
        configure(root);
        ElkGraphBuilder builder = new ElkGraphBuilder(textWidth, collapse);
        builder.add(root, graph, "");
        if (builder.templates.size() > LARGE) {
            root.setProperty(LayeredOptions.THOROUGHNESS, 1);
            // Brandes-Koepf let a 5,000-operator chain drift 6,900 px sideways; simple placement keeps it a column
            root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.SIMPLE);
        }
        runElk(root, cancelled);
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("layout of " + graph.name() + " cancelled");
        }
        List<NodeBox> boxes = new ArrayList<>();
        Map<ElkNode, double[]> origins = new HashMap<>();
        origins.put(root, new double[] {0, 0});
        collect(root, builder.templates, origins, boxes);
        List<GraphLayout.EdgePath> paths = new ArrayList<>();
        collectEdges(root, builder.edgeValues, origins, paths);
        return new GraphLayout(boxes, paths, root.getHeight(), root.getWidth());
    }

    static void configure(ElkNode node) {
        node.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        node.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        node.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        node.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 28.0);
        node.setProperty(LayeredOptions.SEPARATE_CONNECTED_COMPONENTS, false);
    }

    private static void runElk(ElkNode root, BooleanSupplier cancelled) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread elk = new Thread(null, () -> {
            try {
                new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor() {
                    @Override
                    public boolean isCanceled() {
                        return cancelled.getAsBoolean();
                    }
                });
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }, "ELK layout", ELK_STACK_BYTES);
        elk.start();
        try {
            elk.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("layout interrupted");
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /** Boxes in drawing order (a container before what it holds), transposed to top-down, in absolute coordinates. */
    private static void collect(ElkNode parent, Map<ElkNode, NodeBox> templates, Map<ElkNode, double[]> origins,
            List<NodeBox> boxes) {
        double[] o = origins.get(parent);
        for (ElkNode n : parent.getChildren()) {
            double x = o[0] + n.getX();
            double y = o[1] + n.getY();
            origins.put(n, new double[] {x, y});
            boxes.add(templates.get(n).at(y, x, n.getHeight(), n.getWidth()));
            collect(n, templates, origins, boxes);
        }
    }

    private static void collectEdges(ElkNode parent, Map<ElkEdge, String> values, Map<ElkNode, double[]> origins,
            List<GraphLayout.EdgePath> paths) {
        for (ElkEdge e : parent.getContainedEdges()) {
            double[] o = origins.get(e.getContainingNode());
            for (ElkEdgeSection s : e.getSections()) {
                paths.add(new GraphLayout.EdgePath(values.get(e), points(s, o)));
            }
        }
        for (ElkNode child : parent.getChildren()) {
            if (!child.getChildren().isEmpty()) {
                collectEdges(child, values, origins, paths);
            }
        }
    }

    /** Constant nodes are weights, like initializers: not drawn as operators (the outline still lists them). */
    static boolean isWeight(Node node) {
        return "Constant".equals(node.opType()) && node.inputs().isEmpty();
    }

    /** The section's points, transposed to top-down, in absolute coordinates. */
    private static double[] points(ElkEdgeSection s, double[] origin) {
        List<ElkBendPoint> bends = s.getBendPoints();
        double[] pts = new double[4 + 2 * bends.size()];
        pts[0] = origin[1] + s.getStartY();
        pts[1] = origin[0] + s.getStartX();
        for (int i = 0; i < bends.size(); i++) {
            pts[2 + 2 * i] = origin[1] + bends.get(i).getY();
            pts[3 + 2 * i] = origin[0] + bends.get(i).getX();
        }
        pts[pts.length - 2] = origin[1] + s.getEndY();
        pts[pts.length - 1] = origin[0] + s.getEndX();
        return pts;
    }
}
