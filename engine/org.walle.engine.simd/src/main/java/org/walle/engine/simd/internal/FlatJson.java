package org.walle.engine.simd.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calibration file's JSON: an object whose values are objects of numbers and strings. Small enough to parse by
 * hand, which keeps the kernel bundle free of dependencies.
 */
public final class FlatJson {

    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    /** Parses {@code {"key": {"name": 1.5, "other": "text"}, ...}}; throws IllegalArgumentException with the offset. */
    public static Map<String, Map<String, Object>> parse(String text) {
        FlatJson p = new FlatJson(text);
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        p.expect('{');
        if (!p.peek('}')) {
            do {
                String key = p.string();
                p.expect(':');
                result.put(key, p.inner());
            } while (p.consume(','));
        }
        p.expect('}');
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("trailing characters");
        }
        return result;
    }

    public static String write(Map<String, Map<String, Object>> data) {
        StringBuilder sb = new StringBuilder("{\n");
        int i = 0;
        for (var entry : data.entrySet()) {
            sb.append("  ").append(quote(entry.getKey())).append(": {");
            int j = 0;
            for (var field : entry.getValue().entrySet()) {
                sb.append(j++ == 0 ? "" : ", ").append(quote(field.getKey())).append(": ");
                Object v = field.getValue();
                sb.append(v instanceof Number ? v.toString() : quote(String.valueOf(v)));
            }
            sb.append(i++ < data.size() - 1 ? "},\n" : "}\n");
        }
        return sb.append("}\n").toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Map<String, Object> inner() {
        Map<String, Object> fields = new LinkedHashMap<>();
        expect('{');
        if (!peek('}')) {
            do {
                String name = string();
                expect(':');
                skipSpace();
                fields.put(name, pos < text.length() && text.charAt(pos) == '"' ? string() : number());
            } while (consume(','));
        }
        expect('}');
        return fields;
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '"') {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            sb.append(c);
        }
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        pos++;
        return sb.toString();
    }

    private Double number() {
        int start = pos;
        while (pos < text.length() && "+-.eE0123456789".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        try {
            return Double.valueOf(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("expected a number or a string");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char c) {
        skipSpace();
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean consume(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos);
    }
}
