package org.walle.engine.ui.layout;

import java.util.List;
import java.util.Set;

import org.walle.engine.graph.Node;

/**
 * What the layout hides: every repeat of the {@code blocks} becomes one box unless its id is in {@code expanded};
 * an operator with subgraphs shows them inside its box only when its {@link #subgraphKey} is in {@code expanded}.
 */
public record Collapse(List<Block> blocks, Set<String> expanded) {
    public static final Collapse NONE = new Collapse(List.of(), Set.of());

    public Collapse {
        blocks = List.copyOf(blocks);
        expanded = Set.copyOf(expanded);
    }

    public static String subgraphKey(Node node) {
        return "subgraphs of " + node.name();
    }
}
