package org.walle.engine.ui.profile;

import java.awt.geom.Rectangle2D;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.jfree.chart.JFreeChart;
import org.jfree.swt.SWTGraphics2D;

/**
 * A JFreeChart drawn straight onto an SWT canvas through SWTGraphics2D (jfreechart-swt is not on Maven Central in a
 * usable version; the chart is redrawn at the canvas size on every paint, so it stays sharp when resized).
 */
public class ChartCanvas extends Canvas {
    private JFreeChart chart;

    public ChartCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addPaintListener(e -> paint(e.gc, getClientArea()));
    }

    public void setChart(JFreeChart newChart) {
        chart = newChart;
        redraw();
    }

    public JFreeChart getChart() {
        return chart;
    }

    private void paint(GC gc, Rectangle area) {
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area);
        if (chart != null && area.width > 0 && area.height > 0) {
            draw(chart, gc, area.width, area.height);
        }
    }

    private static void draw(JFreeChart chart, GC gc, int width, int height) {
        SWTGraphics2D g2 = new SWTGraphics2D(gc);
        try {
            chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g2.dispose();
        }
    }

    /** The chart rendered off-screen at the given size, as the canvas shows it (for PNG export and tests). */
    public static ImageData render(Display display, JFreeChart chart, int width, int height) {
        Image image = new Image(display, width, height);
        try {
            GC gc = new GC(image);
            try {
                gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
                gc.fillRectangle(0, 0, width, height);
                if (chart != null) {
                    draw(chart, gc, width, height);
                }
            } finally {
                gc.dispose();
            }
            return image.getImageData();
        } finally {
            image.dispose();
        }
    }

    /** What the canvas currently shows, copied from the screen. */
    public ImageData snapshot() {
        Rectangle area = getClientArea();
        Image image = new Image(getDisplay(), Math.max(1, area.width), Math.max(1, area.height));
        try {
            GC gc = new GC(this);
            try {
                gc.copyArea(image, 0, 0);
            } finally {
                gc.dispose();
            }
            return image.getImageData();
        } finally {
            image.dispose();
        }
    }
}
