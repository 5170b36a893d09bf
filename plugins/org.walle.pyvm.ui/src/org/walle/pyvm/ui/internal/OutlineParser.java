package org.walle.pyvm.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line-based parser for the outline: {@code def} and {@code class} statements with their nesting (by indentation).
 * It does not need a valid script, so the outline keeps working while the user types.
 */
public final class OutlineParser {
    private static final Pattern DEF = Pattern.compile("^([ \\t]*)(def|class)[ \\t]+([A-Za-z_][A-Za-z0-9_]*)");

    /** One function or class. {@code line} is 1-based; {@code children} are the members nested inside it. */
    public record Item(String kind, String name, int line, int indent, List<Item> children) {
        @Override
        public String toString() {
            return kind.equals("class") ? name : name + "()";
        }
    }

    private OutlineParser() {
    }

    public static List<Item> parse(String text) {
        List<Item> roots = new ArrayList<>();
        List<Item> open = new ArrayList<>(); // the chain of enclosing items, outermost first
        String[] lines = text.split("\r\n|\r|\n", -1);
        boolean inTripleString = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            // a def inside a docstring is text, not code
            if (countTriples(line) % 2 == 1) {
                inTripleString = !inTripleString;
                continue;
            }
            if (inTripleString) {
                continue;
            }
            Matcher m = DEF.matcher(line);
            if (!m.find()) {
                continue;
            }
            int indent = m.group(1).replace("\t", "        ").length();
            Item item = new Item(m.group(2), m.group(3), i + 1, indent, new ArrayList<>());
            while (!open.isEmpty() && open.get(open.size() - 1).indent() >= indent) {
                open.remove(open.size() - 1);
            }
            (open.isEmpty() ? roots : open.get(open.size() - 1).children()).add(item);
            open.add(item);
        }
        return roots;
    }

    private static int countTriples(String line) {
        int n = 0;
        for (int i = line.indexOf("\"\"\""); i >= 0; i = line.indexOf("\"\"\"", i + 3)) {
            n++;
        }
        for (int i = line.indexOf("'''"); i >= 0; i = line.indexOf("'''", i + 3)) {
            n++;
        }
        return n;
    }
}
