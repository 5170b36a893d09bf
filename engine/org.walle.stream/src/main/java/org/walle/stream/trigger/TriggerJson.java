package org.walle.stream.trigger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code triggers.json} format (documented in docs/stream.md):
 * <pre>
 * {"triggers": [
 *   {"id": "cart_abandon",
 *    "steps": ["add_to_cart", {"event": "page_exit", "page": "cart"}],
 *    "within": "10m",
 *    "absent": ["purchase"]}
 * ]}
 * </pre>
 * A step is {@code "event"}, {@code "event@page"} or {@code {"event":..., "page":...}}. {@code within} is a number
 * of milliseconds or a string with unit {@code ms}, {@code s}, {@code m} or {@code h}; omitted = no window.
 */
public final class TriggerJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TriggerJson() {
    }

    public static List<Trigger> read(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static List<Trigger> parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("triggers").isArray()) {
            throw new IllegalArgumentException("expected an object with a \"triggers\" array");
        }
        List<Trigger> triggers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.get("triggers")) {
            String where = "triggers[" + index++ + "]";
            Trigger trigger;
            try {
                trigger = trigger(node);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (!ids.add(trigger.id())) {
                throw new IllegalArgumentException(where + ": duplicate trigger id '" + trigger.id() + "'");
            }
            triggers.add(trigger);
        }
        return triggers;
    }

    private static Trigger trigger(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a trigger must be an object");
        }
        JsonNode id = node.get("id");
        if (id == null || !id.isTextual()) {
            throw new IllegalArgumentException("field 'id' must be a string");
        }
        JsonNode steps = node.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw new IllegalArgumentException("field 'steps' must be a non-empty array");
        }
        JsonNode absent = node.get("absent");
        if (absent != null && !absent.isArray()) {
            throw new IllegalArgumentException("field 'absent' must be an array of steps");
        }
        return new Trigger(id.asText(), steps(steps), window(node.get("within")),
                absent == null ? List.of() : steps(absent));
    }

    private static List<Step> steps(JsonNode array) {
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : array) {
            if (s.isTextual()) {
                String text = s.asText();
                int at = text.indexOf('@');
                steps.add(at < 0 ? Step.of(text) : Step.on(text.substring(0, at), text.substring(at + 1)));
            } else if (s.isObject() && s.path("event").isTextual()) {
                JsonNode page = s.get("page");
                if (page != null && !page.isTextual()) {
                    throw new IllegalArgumentException("a step's 'page' must be a string");
                }
                steps.add(new Step(s.get("event").asText(), page == null ? null : page.asText()));
            } else {
                throw new IllegalArgumentException("a step must be \"event\", \"event@page\" or {\"event\":...}, got "
                        + s);
            }
        }
        return steps;
    }

    /** Parses {@code within}: null = no window. */
    static long window(JsonNode within) {
        if (within == null || within.isNull()) {
            return Trigger.NO_WINDOW;
        }
        if (within.canConvertToExactIntegral() && within.canConvertToLong()) {
            return within.asLong();
        }
        if (!within.isTextual()) {
            throw new IllegalArgumentException("field 'within' must be milliseconds or a string like \"30s\"");
        }
        return parseDuration(within.asText());
    }

    /** "250ms", "30s", "10m", "2h" or plain milliseconds. */
    public static long parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        String digits = t;
        if (t.endsWith("ms")) {
            digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unit = 1000;
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60_000;
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unit = 3_600_000;
            digits = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits.trim()), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 500ms, 30s, 10m, 2h)");
        }
    }

    public static String write(List<Trigger> triggers) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode array = root.putArray("triggers");
        for (Trigger t : triggers) {
            ObjectNode node = array.addObject();
            node.put("id", t.id());
            ArrayNode steps = node.putArray("steps");
            t.steps().forEach(s -> steps.add(s.toString()));
            if (t.hasWindow()) {
                node.put("within", t.windowMillis());
            }
            if (!t.absent().isEmpty()) {
                ArrayNode absent = node.putArray("absent");
                t.absent().forEach(s -> absent.add(s.toString()));
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
