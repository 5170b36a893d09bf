package org.walle.stream.event;

import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form of one event, one object per line in a {@code .jsonl} file:
 * {@code {"type":"click","event":"add_to_cart","page":"item_detail","ts":1700000000000,"args":{"item":"i42"}}}.
 * Jackson's tree model is used (not data binding) so every malformed field gets an error that names it.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {
    }

    public static String toJson(Event event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", event.type().jsonName());
        node.put("event", event.eventId());
        node.put("page", event.pageId());
        node.put("ts", event.timestamp());
        if (!event.args().isEmpty()) {
            ObjectNode args = node.putObject("args");
            event.args().forEach(args::put);
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one JSON object; throws {@link IllegalArgumentException} naming the bad field. */
    public static Event fromJson(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("an event must be a JSON object");
        }
        EventType type = EventType.fromJsonName(text(node, "type"));
        JsonNode ts = node.get("ts");
        if (ts == null || !ts.canConvertToExactIntegral() || !ts.canConvertToLong()) {
            throw new IllegalArgumentException("field 'ts' must be an integer (epoch milliseconds)");
        }
        return new Event(type, text(node, "event"), text(node, "page"), ts.asLong(), args(node.get("args")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static Map<String, String> args(JsonNode args) {
        if (args == null || args.isNull()) {
            return Map.of();
        }
        if (!args.isObject()) {
            throw new IllegalArgumentException("field 'args' must be an object of scalar values");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                throw new IllegalArgumentException("args." + entry.getKey() + " must be a string, number or boolean");
            }
            result.put(entry.getKey(), entry.getValue().asText());
        }
        return result;
    }
}
