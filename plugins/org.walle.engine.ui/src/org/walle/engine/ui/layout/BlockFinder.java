package org.walle.engine.ui.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;

/**
 * Finds repeated blocks in a graph's operator order: runs of k >= 2 consecutive windows of p >= 2 operators in which
 * the i-th operators of all windows have the same op type and the same wiring. Wiring is compared window-relative: an
 * input from inside the window is its producer's position in the window, an input from before the window is
 * "outside" and a weight is "weight", so the first repeat (fed by the stem) matches the later ones (fed by the
 * previous repeat). At each position the run that hides the most operators wins, then the shorter period; the scan
 * continues after the run. Constant nodes (weights, not drawn) are left out of the order.
 */
public final class BlockFinder {
    /** Blocks longer than this are not looked for (they would not make readable boxes anyway). */
    static final int MAX_PERIOD = 400;
    /** A run must hide at least this many operators to be worth a box per repeat. */
    static final int MIN_HIDDEN = 6;
    private static final int OUTSIDE = -1;
    private static final int WEIGHT = -2;
    /** A graph input's "position": before every window, so it compares as outside. */
    private static final int GRAPH_INPUT = -3;

    private final List<Node> order = new ArrayList<>();
    /** Per position: the op type's number, and per input the producer's position or WEIGHT. */
    private final int[] types;
    private final int[][] producers;

    private BlockFinder(Graph graph) {
        Map<String, Integer> producedAt = new HashMap<>();
        Map<String, Integer> typeIds = new HashMap<>();
        for (Node n : graph.nodes()) {
            if (!GraphLayouter.isWeight(n)) {
                order.add(n);
            }
        }
        for (String input : graph.inputs()) {
            if (!graph.initializers().containsKey(input)) {
                producedAt.put(input, GRAPH_INPUT);
            }
        }
        types = new int[order.size()];
        producers = new int[order.size()][];
        for (int i = 0; i < order.size(); i++) {
            Node n = order.get(i);
            types[i] = typeIds.computeIfAbsent(n.opType(), t -> typeIds.size());
            producers[i] = new int[n.inputs().size()];
            for (int j = 0; j < n.inputs().size(); j++) {
                producers[i][j] = producedAt.getOrDefault(n.inputs().get(j), WEIGHT);
            }
            for (String out : n.outputs()) {
                producedAt.put(out, i);
            }
        }
    }

    /** Every repeat of every repeated block, in graph order. */
    public static List<Block> find(Graph graph) {
        return new BlockFinder(graph).scan();
    }

    private List<Block> scan() {
        List<Block> blocks = new ArrayList<>();
        Map<String, String> kinds = new HashMap<>();
        int n = order.size();
        int i = 0;
        while (i < n) {
            int bestPeriod = 0;
            int bestCount = 0;
            for (int p = 2; p <= MAX_PERIOD && i + 2 * p <= n; p++) {
                if (types[i + p] != types[i]) {
                    continue;
                }
                int k = 1;
                while (i + (k + 1) * p <= n && sameWindow(i, i + k * p, p)) {
                    k++;
                }
                if (k >= 2 && p * k > bestPeriod * bestCount) {
                    bestPeriod = p;
                    bestCount = k;
                }
            }
            if (bestCount >= 2 && bestPeriod * bestCount >= MIN_HIDDEN) {
                String kind = kinds.computeIfAbsent(signature(i, bestPeriod), s -> letters(kinds.size()));
                for (int r = 0; r < bestCount; r++) {
                    int start = i + r * bestPeriod;
                    blocks.add(new Block(kind + (r + 1) + "@" + order.get(start).name(), kind, r + 1, bestCount,
                            order.subList(start, start + bestPeriod)));
                }
                i += bestPeriod * bestCount;
            } else {
                i++;
            }
        }
        return blocks;
    }

    /** Whether the windows of length p at a and b have the same op types and window-relative wiring. */
    private boolean sameWindow(int a, int b, int p) {
        for (int j = 0; j < p; j++) {
            if (types[a + j] != types[b + j] || producers[a + j].length != producers[b + j].length) {
                return false;
            }
            for (int k = 0; k < producers[a + j].length; k++) {
                if (relative(producers[a + j][k], a) != relative(producers[b + j][k], b)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int relative(int producer, int windowStart) {
        if (producer == WEIGHT) {
            return WEIGHT;
        }
        if (producer == GRAPH_INPUT) {
            return OUTSIDE;
        }
        return producer >= windowStart ? producer - windowStart : OUTSIDE;
    }

    /** The window's structure as text, so equal blocks in different runs get the same letter. */
    private String signature(int start, int p) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < p; j++) {
            s.append(order.get(start + j).opType()).append('(');
            for (int producer : producers[start + j]) {
                s.append(relative(producer, start)).append(',');
            }
            s.append(')');
        }
        return s.toString();
    }

    /** A, B ... Z, AA, AB ... */
    static String letters(int index) {
        String s = "";
        int i = index;
        do {
            s = (char) ('A' + i % 26) + s;
            i = i / 26 - 1;
        } while (i >= 0);
        return s;
    }
}
