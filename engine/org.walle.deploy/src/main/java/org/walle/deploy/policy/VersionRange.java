package org.walle.deploy.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A version range written as space-separated comparators, all of which must hold: {@code ">=1.2 <2.0"},
 * {@code "=3.1.4"} or a bare version (meaning =). Versions compare segment by segment on '.' and '-'; numeric
 * segments numerically, others as text, and a missing segment counts as 0 ({@code 1.2 == 1.2.0}).
 */
public record VersionRange(String text, List<Bound> bounds) {

    /** One comparator: {@code op} is one of {@code >= > <= < =}. */
    public record Bound(String op, String version) {
    }

    public static VersionRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty version range");
        }
        List<Bound> bounds = new ArrayList<>();
        for (String part : text.trim().split("\\s+")) {
            String op = part.startsWith(">=") || part.startsWith("<=") ? part.substring(0, 2)
                    : part.startsWith(">") || part.startsWith("<") || part.startsWith("=") ? part.substring(0, 1) : "=";
            String v = part.substring(part.startsWith(op) ? op.length() : 0);
            if (!v.matches("[0-9A-Za-z]+([.-][0-9A-Za-z]+)*")) {
                throw new IllegalArgumentException("bad version '" + v + "' in range '" + text
                        + "': expected e.g. 1.2.3 with comparators >=, >, <=, <, =");
            }
            bounds.add(new Bound(op, v));
        }
        return new VersionRange(text, List.copyOf(bounds));
    }

    public boolean contains(String version) {
        for (Bound b : bounds) {
            int c = compare(version, b.version());
            boolean ok = switch (b.op()) {
                case ">=" -> c >= 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case "<" -> c < 0;
                default -> c == 0;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static int compare(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c = p.matches("\\d+") && q.matches("\\d+")
                    ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
