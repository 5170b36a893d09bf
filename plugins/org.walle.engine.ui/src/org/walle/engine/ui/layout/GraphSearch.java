package org.walle.engine.ui.layout;

import java.util.List;
import java.util.Locale;

import org.walle.engine.ui.layout.GraphLayout.NodeBox;

/**
 * Finds boxes whose name or op type contains a text, case-insensitively, in reading order; a collapsed block matches
 * when one of the operators it hides does.
 */
public final class GraphSearch {
    private GraphSearch() {
    }

    public static List<NodeBox> find(GraphLayout layout, String text) {
        String needle = text.trim().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return List.of();
        }
        return layout.nodes().stream()
                .filter(b -> b.id().toLowerCase(Locale.ROOT).contains(needle)
                        || b.title().toLowerCase(Locale.ROOT).contains(needle)
                        || b.members().stream().anyMatch(n -> n.name().toLowerCase(Locale.ROOT).contains(needle)
                                || n.opType().toLowerCase(Locale.ROOT).contains(needle)))
                .sorted((a, b) -> a.y() != b.y() ? Double.compare(a.y(), b.y()) : Double.compare(a.x(), b.x()))
                .toList();
    }

    /** The match after {@code current} (wrapping), or the first one. */
    public static NodeBox next(List<NodeBox> matches, NodeBox current) {
        if (matches.isEmpty()) {
            return null;
        }
        int i = matches.indexOf(current);
        return matches.get((i + 1) % matches.size());
    }
}
