package org.walle.engine.ui;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.swt.graphics.RGB;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SearchReport.Decision;

/**
 * Fill colours for graph nodes and the legend that explains them: by the backend the last search chose for the
 * node (the backend carrying most of its estimated time when its commands are split), or a heat scale of the node's
 * median time in the last profile.
 */
public final class NodeColouring {
    /** One line of the legend. */
    public record LegendEntry(String label, RGB colour) {
    }

    private static final Map<String, RGB> PALETTE = Map.of(
            "cpu-ref", new RGB(205, 208, 218),
            "cpu-simd", new RGB(150, 215, 150),
            "opencl", new RGB(250, 190, 110));
    private static final RGB COOL = new RGB(255, 247, 236);
    private static final RGB HOT = new RGB(215, 48, 31);

    private final Map<String, RGB> fills;
    private final List<LegendEntry> legend;

    private NodeColouring(Map<String, RGB> fills, List<LegendEntry> legend) {
        this.fills = fills;
        this.legend = List.copyOf(legend);
    }

    public static NodeColouring byBackend(SearchReport report) {
        Map<String, Map<String, Double>> secondsByNode = new LinkedHashMap<>();
        for (Decision d : report.decisions()) {
            secondsByNode.computeIfAbsent(d.node(), n -> new LinkedHashMap<>())
                    .merge(d.backend(), d.winner().estimatedSeconds(), Double::sum);
        }
        Map<String, RGB> fills = new HashMap<>();
        Map<String, Integer> nodesPerBackend = new LinkedHashMap<>();
        secondsByNode.forEach((node, perBackend) -> {
            String dominant = perBackend.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            fills.put(node, colourOf(dominant));
            nodesPerBackend.merge(dominant, 1, Integer::sum);
        });
        List<LegendEntry> legend = nodesPerBackend.entrySet().stream()
                .map(e -> new LegendEntry(e.getKey() + " (" + e.getValue() + ")", colourOf(e.getKey()))).toList();
        return new NodeColouring(fills, legend);
    }

    public static NodeColouring heat(Profile profile) {
        Map<String, Long> byNode = profile.nanosByNode();
        long max = byNode.values().stream().mapToLong(Long::longValue).max().orElse(0);
        Map<String, RGB> fills = new HashMap<>();
        byNode.forEach((node, nanos) -> fills.put(node, blend(max == 0 ? 0 : (double) nanos / max)));
        return new NodeColouring(fills, List.of(new LegendEntry(Messages.bind(Messages.graphHeatLow, "0"), COOL),
                new LegendEntry(Messages.bind(Messages.graphHeatHigh, ms(max)), HOT)));
    }

    /** The node's fill, or null to draw it the default way (not searched, folded to a constant, an input). */
    public RGB fill(String node) {
        return node == null ? null : fills.get(node);
    }

    public List<LegendEntry> legend() {
        return legend;
    }

    public static RGB colourOf(String backend) {
        RGB known = PALETTE.get(backend);
        if (known != null) {
            return known;
        }
        float hue = Math.floorMod(backend.hashCode(), 360);
        return new RGB(hue, 0.35f, 0.95f);
    }

    static RGB blend(double t) {
        return new RGB((int) Math.round(COOL.red + (HOT.red - COOL.red) * t),
                (int) Math.round(COOL.green + (HOT.green - COOL.green) * t),
                (int) Math.round(COOL.blue + (HOT.blue - COOL.blue) * t));
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
