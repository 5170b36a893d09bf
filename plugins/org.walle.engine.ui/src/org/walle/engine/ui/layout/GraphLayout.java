package org.walle.engine.ui.layout;

import java.util.List;

import org.walle.engine.graph.Node;

/**
 * A laid-out graph in model coordinates: a box per operator and a polyline per data edge. Immutable; produced by
 * {@link GraphLayouter} off the UI thread.
 */
public record GraphLayout(List<NodeBox> nodes, List<EdgePath> edges, double width, double height) {

    /** One operator's box; {@code node} is null for graph inputs and outputs. */
    public record NodeBox(String id, String title, String subtitle, Node node, double x, double y, double width,
            double height) {
        public boolean contains(double px, double py) {
            return px >= x && px <= x + width && py >= y && py <= y + height;
        }

        public double centerX() {
            return x + width / 2;
        }
    }

    /** A data edge as a polyline of points {x0, y0, x1, y1, ...}, labelled with the value name. */
    public record EdgePath(String value, double[] points) {
    }

    /** The box under a point, if any. */
    public NodeBox nodeAt(double px, double py) {
        for (NodeBox box : nodes) {
            if (box.contains(px, py)) {
                return box;
            }
        }
        return null;
    }
}
