package org.walle.engine.ui.layout;

import java.util.Comparator;
import java.util.Optional;

import org.walle.engine.ui.layout.GraphLayout.NodeBox;

/**
 * Keyboard moves over a laid-out graph: up to the nearest box in the row above, down to the nearest in the row
 * below, left and right within the same row. Rows are boxes whose vertical extents overlap.
 */
public final class GraphNavigator {
    /** A keyboard direction. */
    public enum Direction { UP, DOWN, LEFT, RIGHT }

    private final GraphLayout layout;

    public GraphNavigator(GraphLayout layout) {
        this.layout = layout;
    }

    public Optional<NodeBox> move(NodeBox from, Direction direction) {
        if (from == null) {
            return layout.nodes().stream().min(Comparator.comparingDouble(NodeBox::y).thenComparing(NodeBox::x));
        }
        double cy = from.y() + from.height() / 2;
        return layout.nodes().stream().filter(b -> b != from).filter(b -> switch (direction) {
            case UP -> b.y() + b.height() <= from.y();
            case DOWN -> b.y() >= from.y() + from.height();
            case LEFT -> sameRow(b, cy) && b.centerX() < from.centerX();
            case RIGHT -> sameRow(b, cy) && b.centerX() > from.centerX();
        }).min(Comparator.comparingDouble(b -> distance(from, b, direction)));
    }

    private static boolean sameRow(NodeBox b, double cy) {
        return cy >= b.y() && cy <= b.y() + b.height();
    }

    /** Vertical moves prefer the nearest row, then the nearest column; horizontal moves the nearest column. */
    private static double distance(NodeBox from, NodeBox to, Direction direction) {
        double dx = Math.abs(to.centerX() - from.centerX());
        double dy = Math.abs(to.y() - from.y());
        return direction == Direction.UP || direction == Direction.DOWN ? dy * 1000 + dx : dx;
    }
}
