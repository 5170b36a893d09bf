package org.walle.engine.ui;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.walle.engine.ui.layout.GraphLayout;
import org.walle.engine.ui.layout.GraphLayout.Kind;
import org.walle.engine.ui.layout.GraphLayout.NodeBox;

/** Draws boxes and edges of a graph layout onto a GC already transformed to layout coordinates. */
final class GraphPainter {
    private final GC gc;
    private final Color opFill;
    private final Color ioFill;
    private final Color blockFill;
    private final Color containerFill;
    private final Color border;
    private final Color selection;
    private final Color edge;
    private final Color text;

    GraphPainter(GC gc, Display display) {
        this.gc = gc;
        this.opFill = new Color(display, 222, 235, 255);
        this.ioFill = new Color(display, 232, 245, 228);
        this.blockFill = new Color(display, 236, 228, 250);
        this.containerFill = new Color(display, 248, 248, 250);
        this.border = new Color(display, 70, 100, 150);
        this.selection = new Color(display, 230, 120, 20);
        this.edge = new Color(display, 110, 110, 110);
        this.text = display.getSystemColor(SWT.COLOR_BLACK);
    }

    void edge(GraphLayout.EdgePath path, double vx0, double vy0, double vx1, double vy1) {
        double[] p = path.points();
        gc.setForeground(edge);
        gc.setLineWidth(1);
        for (int i = 0; i + 3 < p.length; i += 2) {
            if (Math.max(p[i], p[i + 2]) < vx0 || Math.min(p[i], p[i + 2]) > vx1
                    || Math.max(p[i + 1], p[i + 3]) < vy0 || Math.min(p[i + 1], p[i + 3]) > vy1) {
                continue;
            }
            gc.drawLine((int) p[i], (int) p[i + 1], (int) p[i + 2], (int) p[i + 3]);
        }
        int ex = (int) p[p.length - 2];
        int ey = (int) p[p.length - 1];
        if (ex >= vx0 && ex <= vx1 && ey >= vy0 && ey <= vy1) {
            gc.setBackground(edge);
            gc.fillPolygon(new int[] {ex, ey, ex - 4, ey - 7, ex + 4, ey - 7});
        }
    }

    void box(NodeBox box, boolean isSelected) {
        box(box, isSelected, null);
    }

    /** @param fill the node's colour from a {@link NodeColouring}, or null for the default */
    void box(NodeBox box, boolean isSelected, RGB fill) {
        int x = (int) box.x();
        int y = (int) box.y();
        int w = (int) box.width();
        int h = (int) box.height();
        if (box.kind() == Kind.CONTAINER) {
            container(box, x, y, w, h, isSelected);
            return;
        }
        Color custom = fill == null ? null : new Color(fill);
        Color background = custom != null ? custom : switch (box.kind()) {
            case VALUE -> ioFill;
            case BLOCK, SUBGRAPHS -> blockFill;
            default -> opFill;
        };
        if (box.kind() == Kind.BLOCK) {
            // a stack of cards: the box hides several operators
            gc.setBackground(background);
            gc.fillRoundRectangle(x + 5, y + 5, w, h, 10, 10);
            gc.setForeground(border);
            gc.setLineWidth(1);
            gc.drawRoundRectangle(x + 5, y + 5, w, h, 10, 10);
        }
        gc.setBackground(background);
        gc.fillRoundRectangle(x, y, w, h, 10, 10);
        gc.setForeground(isSelected ? selection : border);
        gc.setLineWidth(isSelected ? 3 : box.kind() == Kind.SUBGRAPHS ? 2 : 1);
        gc.drawRoundRectangle(x, y, w, h, 10, 10);
        if (custom != null) {
            custom.dispose();
        }
        gc.setForeground(text);
        gc.drawString(box.title(), x + 12, y + 5, true);
        gc.drawString(box.subtitle(), x + 12, y + 21, true);
    }

    /** An expanded subgraph: a light frame with its title in the top left corner, drawn behind its operators. */
    private void container(NodeBox box, int x, int y, int w, int h, boolean isSelected) {
        gc.setBackground(containerFill);
        gc.fillRectangle(x, y, w, h);
        gc.setForeground(isSelected ? selection : border);
        gc.setLineWidth(isSelected ? 3 : 1);
        gc.setLineStyle(SWT.LINE_DASH);
        gc.drawRectangle(x, y, w, h);
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setForeground(text);
        gc.drawString(box.title(), x + 12, y + 5, true);
        gc.drawString(box.subtitle(), x + 12, y + 21, true);
    }

    /** The colouring's legend in the top right corner; the GC must be untransformed (pixel coordinates). */
    void legend(NodeColouring colouring, int areaWidth) {
        List<NodeColouring.LegendEntry> entries = colouring.legend();
        if (entries.isEmpty()) {
            return;
        }
        int line = gc.getFontMetrics().getHeight() + 4;
        int width = 0;
        for (NodeColouring.LegendEntry e : entries) {
            width = Math.max(width, gc.textExtent(e.label()).x);
        }
        width += 40;
        int x = areaWidth - width - 10;
        int y = 10;
        gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(x, y, width, line * entries.size() + 8);
        gc.setForeground(border);
        gc.setLineWidth(1);
        gc.drawRectangle(x, y, width, line * entries.size() + 8);
        for (int i = 0; i < entries.size(); i++) {
            Color swatch = new Color(entries.get(i).colour());
            gc.setBackground(swatch);
            int ly = y + 4 + i * line;
            gc.fillRectangle(x + 8, ly + 2, 18, line - 6);
            gc.drawRectangle(x + 8, ly + 2, 18, line - 6);
            swatch.dispose();
            gc.setForeground(text);
            gc.drawString(entries.get(i).label(), x + 32, ly, true);
            gc.setForeground(border);
        }
    }

    void dispose() {
        opFill.dispose();
        ioFill.dispose();
        blockFill.dispose();
        containerFill.dispose();
        border.dispose();
        selection.dispose();
        edge.dispose();
    }
}
