package org.walle.engine.ui.layout;

import java.util.List;
import java.util.stream.Collectors;

import org.walle.engine.graph.Node;

/**
 * One repeat of a block: a run of consecutive operators with the same op-type chain and the same wiring as the
 * other repeats of its kind (a transformer layer, a residual block). {@code kind} is a letter per distinct block,
 * {@code index} counts from 1 to {@code count}, the repeats of the kind in a row.
 */
public record Block(String id, String kind, int index, int count, List<Node> nodes) {
    public Block {
        nodes = List.copyOf(nodes);
    }

    /** "block A 3/12". */
    public String title() {
        return "block " + kind + " " + index + "/" + count;
    }

    /** The op-type chain, shortened to a box's width. */
    public String summary() {
        String chain = nodes.stream().map(Node::opType).collect(Collectors.joining(" "));
        String text = nodes.size() + " ops: " + chain;
        return text.length() > 44 ? text.substring(0, 43) + "\u2026" : text;
    }
}
