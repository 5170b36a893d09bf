package org.walle.engine.ui.profile;

import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.walle.engine.ui.model.ProfileSweep;

/**
 * The Profile view's two charts from one or two profile results: the top-N slowest operators (by graph node, the
 * second result as a second series over the same operators; engine commands only) and whole-model median latency
 * per backend and ONNX Runtime, one series per result and thread count.
 */
public final class ProfileCharts {
    private ProfileCharts() {
    }

    /** Rows are series (one per result), columns the N slowest nodes of the first result. */
    public static DefaultCategoryDataset topOps(ProfileSweep.Result current, ProfileSweep.Result other, int n) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<String, Long> byNode = current.profile().nanosByNode();
        List<String> nodes = new ArrayList<>(byNode.keySet()).subList(0, Math.min(n, byNode.size()));
        for (String node : nodes) {
            data.addValue(byNode.get(node) / 1e6, current.label(), node);
        }
        if (other != null) {
            Map<String, Long> otherByNode = other.profile().nanosByNode();
            for (String node : nodes) {
                data.addValue(otherByNode.getOrDefault(node, 0L) / 1e6, other.label(), node);
            }
        }
        return data;
    }

    /** Rows are "result · threads", columns backends. */
    public static DefaultCategoryDataset latency(ProfileSweep.Result current, ProfileSweep.Result other) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ProfileSweep.Result r : other == null ? List.of(current) : List.of(current, other)) {
            for (ProfileSweep.Latency l : r.latencies()) {
                data.addValue(l.medianNanos() / 1e6, Messages.bind(Messages.threadsSeries, r.label(), l.threads()),
                        l.backend());
            }
        }
        return data;
    }

    /** Engine-only: ONNX Runtime's Java API gives no per-op times, the subtitle says so. */
    public static JFreeChart topOpsChart(DefaultCategoryDataset data) {
        JFreeChart chart = style(ChartFactory.createBarChart(Messages.topChartTitle, Messages.topChartAxis,
                Messages.msAxis, data, PlotOrientation.HORIZONTAL, true, false, false));
        TextTitle subtitle = new TextTitle(Messages.topChartSubtitle, new Font(Font.SANS_SERIF, Font.ITALIC, 11));
        subtitle.setPaint(Color.DARK_GRAY);
        chart.addSubtitle(0, subtitle);
        return chart;
    }

    /** Each bar carries its value: ONNX Runtime and the reference backend can be a hundred times apart. */
    public static JFreeChart latencyChart(DefaultCategoryDataset data) {
        JFreeChart chart = style(ChartFactory.createBarChart(Messages.latencyChartTitle, Messages.latencyChartAxis,
                Messages.msAxis, data, PlotOrientation.VERTICAL, true, false, false));
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new DecimalFormat("0.0#", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        return chart;
    }

    /** Flat bars on white and a modest title: gradients, grey backgrounds and big titles read badly in a view. */
    private static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(200, 200, 200));
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        return chart;
    }
}
