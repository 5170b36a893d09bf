package org.walle.deploy.ui;

import java.awt.geom.Rectangle2D;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.swt.SWTGraphics2D;

/**
 * A JFreeChart line chart of named series over time, drawn on an SWT canvas through SWTGraphics2D at the canvas
 * size on every paint (org.walle.engine.ui's chart canvas is not exported, and this one also owns its series).
 */
final class TimeChart extends Canvas {
    private final XYSeriesCollection data = new XYSeriesCollection();
    private final Map<String, XYSeries> series = new LinkedHashMap<>();
    private final JFreeChart chart;

    TimeChart(Composite parent, String title, String xLabel, String yLabel) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false,
                false);
        addPaintListener(e -> {
            var area = getClientArea();
            e.gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
            e.gc.fillRectangle(area);
            if (area.width > 0 && area.height > 0) {
                SWTGraphics2D g2 = new SWTGraphics2D(e.gc);
                try {
                    chart.draw(g2, new Rectangle2D.Double(0, 0, area.width, area.height));
                } finally {
                    g2.dispose();
                }
            }
        });
    }

    /** Appends a point to the named series (created on first use) and redraws. */
    void add(String name, double x, double y) {
        series.computeIfAbsent(name, n -> {
            XYSeries s = new XYSeries(n, true, true);
            data.addSeries(s);
            return s;
        }).addOrUpdate(x, y);
        redraw();
    }

    /** Drops every series (another rollout was chosen). */
    void clear() {
        series.clear();
        data.removeAllSeries();
        redraw();
    }

    /** The largest y so far of the named series, or -1 when it has no point. */
    double max(String name) {
        XYSeries s = series.get(name);
        return s == null || s.getItemCount() == 0 ? -1 : s.getMaxY();
    }

    /** The latest y of the named series, or -1 when it has no point. */
    double last(String name) {
        XYSeries s = series.get(name);
        return s == null || s.getItemCount() == 0 ? -1 : s.getY(s.getItemCount() - 1).doubleValue();
    }

    /** How many points the named series has. */
    int count(String name) {
        XYSeries s = series.get(name);
        return s == null ? 0 : s.getItemCount();
    }

    JFreeChart getChart() {
        return chart;
    }
}
