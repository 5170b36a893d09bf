package org.walle.engine.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.events.MouseEvent;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.walle.engine.ui.layout.GraphLayout;
import org.walle.engine.ui.layout.GraphLayout.NodeBox;
import org.walle.engine.ui.layout.GraphNavigator;

/**
 * Draws a {@link GraphLayout}: zoom with the mouse wheel or +/-, pan by dragging, F or double-click on the background
 * to fit, click to select, double-click a collapsed block or subgraph to expand it (or an expanded one to collapse
 * it). Only boxes and edge segments that intersect the visible area are drawn.
 */
public class GraphCanvas extends Canvas {
    private static final int MARGIN = 20;
    private static final double READABLE_SCALE = 0.8;

    private GraphLayout layout;
    private NodeBox selected;
    private double scale = 1;
    private double offsetX = MARGIN;
    private double offsetY = MARGIN;
    private int dragX;
    private int dragY;
    private boolean dragging;
    private int lastPaintedBoxes;
    private NodeColouring colouring;
    private final List<Consumer<NodeBox>> selectionListeners = new ArrayList<>();
    private final List<Consumer<NodeBox>> toggleListeners = new ArrayList<>();

    public GraphCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addPaintListener(this::paint);
        addListener(SWT.MouseVerticalWheel, e -> zoomAt(e.count > 0 ? 1.15 : 1 / 1.15, e.x, e.y));
        addListener(SWT.MouseDown, e -> {
            dragging = true;
            dragX = e.x;
            dragY = e.y;
        });
        addListener(SWT.MouseMove, e -> {
            if (dragging && (e.stateMask & SWT.BUTTON1) != 0) {
                panBy(e.x - dragX, e.y - dragY);
                dragX = e.x;
                dragY = e.y;
            }
        });
        addListener(SWT.MouseUp, e -> dragging = false);
        addListener(SWT.MouseDoubleClick, e -> {
            NodeBox box = boxAt(e.x, e.y);
            if (box != null && box.toggle() != null) {
                toggleListeners.forEach(l -> l.accept(box));
            } else {
                fit();
            }
        });
        addMouseListener(new org.eclipse.swt.events.MouseAdapter() {
            @Override
            public void mouseDown(MouseEvent e) {
                select(boxAt(e.x, e.y));
            }
        });
        addListener(SWT.KeyDown, e -> {
            Rectangle area = getClientArea();
            switch (e.character) {
                case '+', '=' -> zoomAt(1.25, area.width / 2, area.height / 2);
                case '-' -> zoomAt(0.8, area.width / 2, area.height / 2);
                case 'f', 'F' -> fit();
                default -> navigate(e.keyCode);
            }
        });
    }

    /** Shows a new layout: whole if it fits readably, else at a readable zoom from its top. */
    public void setLayout(GraphLayout newLayout) {
        this.layout = newLayout;
        this.selected = null;
        this.lastPaintedBoxes = 0;
        fit();
        Rectangle area = getClientArea();
        if (scale < READABLE_SCALE && area.width > 2 * MARGIN) {
            scale = Math.min(READABLE_SCALE, (area.width - 2.0 * MARGIN) / Math.max(1, layout.width()));
            scale = Math.max(scale, READABLE_SCALE / 2);
            // start where the data flow starts: the topmost box, horizontally centred
            NodeBox first = layout.nodes().stream().min(Comparator.comparingDouble(NodeBox::y)).orElse(null);
            offsetX = first == null ? (area.width - layout.width() * scale) / 2
                    : area.width / 2.0 - first.centerX() * scale;
            offsetY = MARGIN;
            redraw();
        }
    }

    /**
     * Shows a new layout of the same graph (a block expanded or collapsed) at the same zoom, centred on the box with
     * the given id if it is there.
     */
    public void replaceLayout(GraphLayout newLayout, String centreOn) {
        this.layout = newLayout;
        this.selected = null;
        this.lastPaintedBoxes = 0;
        newLayout.nodes().stream().filter(b -> b.id().equals(centreOn)).findFirst().ifPresentOrElse(b -> {
            selected = b;
            reveal(b);
        }, this::redraw);
        selectionListeners.forEach(l -> l.accept(selected));
    }

    /** Called with the box the user double-clicked when it can expand or collapse. */
    public void addToggleListener(Consumer<NodeBox> listener) {
        toggleListeners.add(listener);
    }

    /** Colours nodes (by backend or by time) and shows the legend; null restores the default look. */
    public void setColouring(NodeColouring newColouring) {
        colouring = newColouring;
        redraw();
    }

    public NodeColouring getColouring() {
        return colouring;
    }

    public GraphLayout getGraphLayout() {
        return layout;
    }

    public double getScale() {
        return scale;
    }

    public NodeBox getSelection() {
        return selected;
    }

    /** How many node boxes the last paint drew (the rest were outside the view). */
    public int getLastPaintedBoxCount() {
        return lastPaintedBoxes;
    }

    public void addSelectionListener(Consumer<NodeBox> listener) {
        selectionListeners.add(listener);
    }

    public void select(NodeBox box) {
        selected = box;
        selectionListeners.forEach(l -> l.accept(box));
        redraw();
    }

    /** The box under a point in canvas (pixel) coordinates. */
    public NodeBox boxAt(int x, int y) {
        return layout == null ? null : layout.nodeAt((x - offsetX) / scale, (y - offsetY) / scale);
    }

    /** Canvas pixel position of a point in layout coordinates. */
    public int[] toCanvas(double x, double y) {
        return new int[] {(int) Math.round(x * scale + offsetX), (int) Math.round(y * scale + offsetY)};
    }

    /** Centres the view on a box without changing the zoom. */
    public void reveal(NodeBox box) {
        Rectangle area = getClientArea();
        offsetX = area.width / 2.0 - (box.centerX()) * scale;
        offsetY = area.height / 2.0 - (box.y() + box.height() / 2) * scale;
        redraw();
    }

    private void navigate(int keyCode) {
        GraphNavigator.Direction direction = switch (keyCode) {
            case SWT.ARROW_UP -> GraphNavigator.Direction.UP;
            case SWT.ARROW_DOWN -> GraphNavigator.Direction.DOWN;
            case SWT.ARROW_LEFT -> GraphNavigator.Direction.LEFT;
            case SWT.ARROW_RIGHT -> GraphNavigator.Direction.RIGHT;
            default -> null;
        };
        if (layout != null && direction != null) {
            new GraphNavigator(layout).move(selected, direction).ifPresent(box -> {
                select(box);
                reveal(box);
            });
        }
    }

    public void fit() {
        Rectangle area = getClientArea();
        if (layout == null || area.width <= 2 * MARGIN || area.height <= 2 * MARGIN) {
            redraw();
            return;
        }
        double sx = (area.width - 2.0 * MARGIN) / Math.max(1, layout.width());
        double sy = (area.height - 2.0 * MARGIN) / Math.max(1, layout.height());
        scale = Math.min(1.5, Math.min(sx, sy));
        offsetX = (area.width - layout.width() * scale) / 2;
        offsetY = MARGIN;
        redraw();
    }

    public void zoomAt(double factor, int px, int py) {
        double newScale = Math.max(0.05, Math.min(8, scale * factor));
        offsetX = px - (px - offsetX) * newScale / scale;
        offsetY = py - (py - offsetY) * newScale / scale;
        scale = newScale;
        redraw();
    }

    public void panBy(int dx, int dy) {
        offsetX += dx;
        offsetY += dy;
        redraw();
    }

    private int paintBoxes(GraphPainter painter, boolean containers, double vx0, double vy0, double vx1,
            double vy1) {
        int drawn = 0;
        for (NodeBox box : layout.nodes()) {
            if ((box.kind() == GraphLayout.Kind.CONTAINER) == containers && box.x() + box.width() >= vx0
                    && box.x() <= vx1 && box.y() + box.height() >= vy0 && box.y() <= vy1) {
                painter.box(box, box == selected,
                        colouring == null || box.node() == null ? null : colouring.fill(box.node().name()));
                drawn++;
            }
        }
        return drawn;
    }

    private void paint(PaintEvent e) {
        GC gc = e.gc;
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(area);
        if (layout == null) {
            gc.drawString(Messages.graphLoading, MARGIN, MARGIN, true);
            return;
        }
        gc.setAntialias(SWT.ON);
        Transform t = new Transform(getDisplay());
        t.translate((float) offsetX, (float) offsetY);
        t.scale((float) scale, (float) scale);
        gc.setTransform(t);
        double vx0 = (-offsetX) / scale;
        double vy0 = (-offsetY) / scale;
        double vx1 = vx0 + area.width / scale;
        double vy1 = vy0 + area.height / scale;
        GraphPainter painter = new GraphPainter(gc, getDisplay());
        // subgraph frames first, then edges, then boxes: a frame must not hide the edges inside it
        int drawn = paintBoxes(painter, true, vx0, vy0, vx1, vy1);
        for (GraphLayout.EdgePath edge : layout.edges()) {
            painter.edge(edge, vx0, vy0, vx1, vy1);
        }
        drawn += paintBoxes(painter, false, vx0, vy0, vx1, vy1);
        lastPaintedBoxes = drawn;
        gc.setTransform(null);
        t.dispose();
        if (colouring != null) {
            painter.legend(colouring, area.width);
        }
        painter.dispose();
    }
}
