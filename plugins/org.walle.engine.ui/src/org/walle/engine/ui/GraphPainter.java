package org.walle.engine.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Display;
import org.walle.engine.ui.layout.GraphLayout;
import org.walle.engine.ui.layout.GraphLayout.NodeBox;

/** Draws boxes and edges of a graph layout onto a GC already transformed to layout coordinates. */
final class GraphPainter {
    private final GC gc;
    private final Color opFill;
    private final Color ioFill;
    private final Color border;
    private final Color selection;
    private final Color edge;
    private final Color text;

    GraphPainter(GC gc, Display display) {
        this.gc = gc;
        this.opFill = new Color(display, 222, 235, 255);
        this.ioFill = new Color(display, 232, 245, 228);
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
        gc.setBackground(edge);
        gc.fillPolygon(new int[] {ex, ey, ex - 4, ey - 7, ex + 4, ey - 7});
    }

    void box(NodeBox box, boolean isSelected) {
        int x = (int) box.x();
        int y = (int) box.y();
        int w = (int) box.width();
        int h = (int) box.height();
        gc.setBackground(box.node() == null ? ioFill : opFill);
        gc.fillRoundRectangle(x, y, w, h, 10, 10);
        gc.setForeground(isSelected ? selection : border);
        gc.setLineWidth(isSelected ? 3 : 1);
        gc.drawRoundRectangle(x, y, w, h, 10, 10);
        gc.setForeground(text);
        gc.drawString(box.title(), x + 12, y + 5, true);
        gc.drawString(box.subtitle(), x + 12, y + 21, true);
    }

    void dispose() {
        opFill.dispose();
        ioFill.dispose();
        border.dispose();
        selection.dispose();
        edge.dispose();
    }
}
