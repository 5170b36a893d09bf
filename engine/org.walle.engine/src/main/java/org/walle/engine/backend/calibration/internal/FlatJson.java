package org.walle.engine.backend.calibration.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calibration file's JSON: one object whose values are objects of numbers and strings, one entry per line when
 * written, so a person can read and edit it. The cpu-simd bundle's {@code Calibration} reads and writes the same
 * file through this class; nothing deeper (arrays, nesting, booleans) may appear.
 */
public final class FlatJson {
    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException saying what was expected and at which line and column */
    public static Map<String, Map<String, Object>> parse(String text) {
        FlatJson p = new FlatJson(text);
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        p.expect('{');
        if (!p.consume('}')) {
            do {
                String key = p.string();
                p.expect(':');
                result.put(key, p.inner());
            } while (p.consume(','));
            p.expect('}');
        }
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("trailing characters after the top-level object");
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
                sb.append(v instanceof Number n ? number(n.doubleValue()) : quote(String.valueOf(v)));
            }
            sb.append(i++ < data.size() - 1 ? "},\n" : "}\n");
        }
        return sb.append("}\n").toString();
    }

    /** Four significant digits: figures are measurements, more digits would only be noise to a reader. */
    private static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("calibration figures must be finite, got " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Map<String, Object> inner() {
        Map<String, Object> fields = new LinkedHashMap<>();
        expect('{');
        if (consume('}')) {
            return fields;
        }
        do {
            String name = string();
            expect(':');
            skipSpace();
            fields.put(name, pos < text.length() && text.charAt(pos) == '"' ? string() : number());
        } while (consume(','));
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
            pos = start;
            throw error("expected a number or a string");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean consume(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
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
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end of the file";
        return new IllegalArgumentException(what + " at line " + line + ", column " + column + ", found " + found);
    }
}
