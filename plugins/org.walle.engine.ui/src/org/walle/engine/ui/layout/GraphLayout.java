package org.walle.engine.ui.layout;

import java.util.List;

import org.walle.engine.graph.Node;

/**
 * A laid-out graph in model coordinates: a box per operator (or per collapsed block) and a polyline per data edge.
 * Immutable; produced by {@link GraphLayouter} off the UI thread. Containers of expanded subgraphs come before the
 * boxes inside them, so drawing in list order puts them behind.
 */
public record GraphLayout(List<NodeBox> nodes, List<EdgePath> edges, double width, double height) {

    /** What a box stands for. */
    public enum Kind {
        /** one operator */
        OPERATOR,
        /** a graph input or output */
        VALUE,
        /** a collapsed repeat of a block: double-click expands it */
        BLOCK,
        /** an operator with subgraphs (If, Loop, Scan), collapsed: double-click shows them */
        SUBGRAPHS,
        /** an operator whose subgraphs are shown inside it: double-click collapses it */
        CONTAINER
    }

    /**
     * One box; {@code node} is the operator (also for subgraph operators and containers), null for values and
     * blocks. {@code toggle} is what a double-click expands or collapses (a block id or a subgraph key), or null;
     * {@code members} are the operators a block hides.
     */
    public record NodeBox(String id, String title, String subtitle, Node node, double x, double y, double width,
            double height, Kind kind, String toggle, List<Node> members) {
        public NodeBox {
            members = List.copyOf(members);
        }

        public boolean contains(double px, double py) {
            return px >= x && px <= x + width && py >= y && py <= y + height;
        }

        public double centerX() {
            return x + width / 2;
        }

        NodeBox at(double newX, double newY, double newWidth, double newHeight) {
            return new NodeBox(id, title, subtitle, node, newX, newY, newWidth, newHeight, kind, toggle, members);
        }
    }

    /** A data edge as a polyline of points {x0, y0, x1, y1, ...}, labelled with the value name. */
    public record EdgePath(String value, double[] points) {
    }

    /** The innermost box under a point, if any. */
    public NodeBox nodeAt(double px, double py) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).contains(px, py)) {
                return nodes.get(i);
            }
        }
        return null;
    }

    /** How many boxes of a kind the layout has. */
    public long count(Kind kind) {
        return nodes.stream().filter(b -> b.kind() == kind).count();
    }
}
