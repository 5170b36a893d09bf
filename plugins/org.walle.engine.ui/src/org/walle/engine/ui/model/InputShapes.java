package org.walle.engine.ui.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.walle.engine.graph.Graph;
import org.walle.engine.tensor.Shape;

/**
 * Concrete input shapes for a resize, as the user edits them: {@code x=1,3,64,64; mask=1,64}. Dynamic dimensions
 * default to 1 for the batch axis and {@value #DEFAULT_DYNAMIC} elsewhere.
 */
public final class InputShapes {
    static final long DEFAULT_DYNAMIC = 64;

    private InputShapes() {
    }

    public static Map<String, Shape> defaults(Graph graph) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (String input : graph.inputs()) {
            graph.value(input).ifPresent(v -> {
                long[] dims = v.shape().dims();
                for (int i = 0; i < dims.length; i++) {
                    if (dims[i] < 0) {
                        dims[i] = i == 0 ? 1 : DEFAULT_DYNAMIC;
                    }
                }
                shapes.put(input, Shape.of(dims));
            });
        }
        return shapes;
    }

    public static String format(Map<String, Shape> shapes) {
        return shapes.entrySet().stream().map(e -> e.getKey() + "=" + dims(e.getValue()))
                .collect(Collectors.joining("; "));
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException naming the entry that is not {@code name=d0,d1,...} with dims >= 0
     */
    public static Map<String, Shape> parse(String text) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not name=d0,d1,...");
            }
            String name = entry.substring(0, eq).trim();
            String[] parts = entry.substring(eq + 1).split(",");
            long[] dims = new long[parts[0].isBlank() && parts.length == 1 ? 0 : parts.length];
            try {
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = Long.parseLong(parts[i].trim());
                }
                shapes.put(name, Shape.of(dims));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + entry.trim() + "': dimensions must be whole numbers >= 0");
            }
        }
        return shapes;
    }

    private static String dims(Shape shape) {
        return java.util.Arrays.stream(shape.dims()).mapToObj(Long::toString).collect(Collectors.joining(","));
    }
}
