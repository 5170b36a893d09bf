package org.walle.deploy.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
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
    private final Map<String, Style> styles = new LinkedHashMap<>();
    private final JFreeChart chart;

    /** How a series is drawn: its colour, and dashed for a target line rather than a measured one. */
    record Style(Color color, boolean dashed) {
    }

    TimeChart(Composite parent, String title, String xLabel, String yLabel) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false,
                false);
        // white and a modest title, as the engine UI's profile charts: grey plots and big titles read badly in a view
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(210, 210, 210));
        plot.setRangeGridlinePaint(new Color(210, 210, 210));
        // every chart's time axis starts at 0, so charts that start later (a new stage) still line up
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
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
        XYSeries s = series.get(name);
        if (s == null) {
            s = new XYSeries(name, true, true);
            series.put(name, s);
            data.addSeries(s);
            applyStyles();
        }
        s.addOrUpdate(x, y);
        redraw();
    }

    /** Draws the named series (now or once it exists) in this style instead of the default palette's next colour. */
    void style(String name, Style style) {
        styles.put(name, style);
        applyStyles();
    }

    /** Renderer paints go by series index, which shifts when a series is removed: set them all again. */
    private void applyStyles() {
        var renderer = chart.getXYPlot().getRenderer();
        int i = 0;
        for (String name : series.keySet()) {
            Style st = styles.get(name);
            if (st != null) {
                renderer.setSeriesPaint(i, st.color());
                renderer.setSeriesStroke(i, st.dashed() ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
            } else {
                renderer.setSeriesPaint(i, null);
                renderer.setSeriesStroke(i, null);
            }
            i++;
        }
    }

    /** Drops every series (another rollout was chosen). */
    void clear() {
        series.clear();
        data.removeAllSeries();
        applyStyles();
        redraw();
    }

    /** Drops one series (a line that no longer means anything). */
    void remove(String name) {
        XYSeries s = series.remove(name);
        if (s != null) {
            data.removeSeries(s);
            applyStyles();
            redraw();
        }
    }

    /** The smallest y so far of the named series, or -1 when it has no point. */
    double min(String name) {
        XYSeries s = series.get(name);
        return s == null || s.getItemCount() == 0 ? -1 : s.getMinY();
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
