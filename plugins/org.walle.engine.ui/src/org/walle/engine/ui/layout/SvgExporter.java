package org.walle.engine.ui.layout;

import java.util.Locale;

import org.walle.engine.ui.layout.GraphLayout.EdgePath;
import org.walle.engine.ui.layout.GraphLayout.NodeBox;

/** Writes a graph layout as a standalone SVG document with the same boxes, labels and edges as the canvas. */
public final class SvgExporter {
    private static final int MARGIN = 20;

    private SvgExporter() {
    }

    public static String toSvg(GraphLayout layout) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\""
                        + " font-size=\"12\">%n", layout.width() + 2 * MARGIN, layout.height() + 2 * MARGIN));
        b.append("<defs><marker id=\"arrow\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\" orient=\"auto\">"
                + "<path d=\"M0,0 L8,4 L0,8 z\" fill=\"#6e6e6e\"/></marker></defs>\n");
        b.append(String.format(Locale.ROOT, "<g transform=\"translate(%d,%d)\">%n", MARGIN, MARGIN));
        // as on the canvas: subgraph frames behind the edges, operator boxes above them
        layout.nodes().stream().filter(n -> n.kind() == GraphLayout.Kind.CONTAINER).forEach(n -> box(b, n));
        for (EdgePath e : layout.edges()) {
            b.append("<polyline fill=\"none\" stroke=\"#6e6e6e\" marker-end=\"url(#arrow)\" points=\"");
            double[] p = e.points();
            for (int i = 0; i < p.length; i += 2) {
                b.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", p[i], p[i + 1]));
            }
            b.append("\"><title>").append(escape(e.value())).append("</title></polyline>\n");
        }
        layout.nodes().stream().filter(n -> n.kind() != GraphLayout.Kind.CONTAINER).forEach(n -> box(b, n));
        return b.append("</g>\n</svg>\n").toString();
    }

    private static void box(StringBuilder b, NodeBox n) {
        String fill = switch (n.kind()) {
            case VALUE -> "#e8f5e4";
            case BLOCK, SUBGRAPHS -> "#ece4fa";
            case CONTAINER -> "#f8f8fa";
            default -> "#deebff";
        };
        b.append(String.format(Locale.ROOT, "<g><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"5\""
                + " fill=\"%s\" stroke=\"#466496\"/>", n.x(), n.y(), n.width(), n.height(), fill));
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", n.x() + 12, n.y() + 17,
                escape(n.title())));
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text></g>%n", n.x() + 12,
                n.y() + 33, escape(n.subtitle())));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
