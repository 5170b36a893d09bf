package org.walle.deploy.policy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Parses a JSON policy rule. Grammar (each object has exactly one key, except os + osVersion):
 * <pre>
 * {"all": [rule...]}  {"any": [rule...]}  {"not": rule}
 * {"appVersion": "&gt;=1.2 &lt;2"}  {"os": "android", "osVersion": "&gt;=12"}
 * {"model": ["pixel-7"]}  {"tier": "high"}  {"region": ["eu"]}  {"userGroup": ["beta"]}
 * {"deviceIds": ["d1", "d2"]}  {"percent": 20}
 * </pre>
 * Errors are {@link PolicyException}s naming the JSON path of the offending node, e.g. {@code $.all[1].percent}.
 */
public final class PolicyParser {
    private static final int MAX_DEPTH = 32;

    private PolicyParser() {
    }

    public static Policy parse(JsonNode node) {
        return parse(node, "$", 0);
    }

    private static Policy parse(JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new PolicyException(path, "rule nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new PolicyException(path, "expected a rule object such as {\"region\": [\"eu\"]}");
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        if (keys.contains("os")) {
            for (String k : keys) {
                if (!k.equals("os") && !k.equals("osVersion")) {
                    throw new PolicyException(path + "." + k, "unexpected key beside \"os\" (only \"osVersion\" may join it)");
                }
            }
            String os = text(node.get("os"), path + ".os");
            JsonNode v = node.get("osVersion");
            return new Policy.Os(os, v == null ? null : range(v, path + ".osVersion"));
        }
        if (keys.size() != 1) {
            throw new PolicyException(path, "a rule object needs exactly one key, found " + keys);
        }
        String key = keys.get(0);
        JsonNode value = node.get(key);
        String sub = path + "." + key;
        switch (key) {
            case "all":
                return new Policy.All(list(value, sub, depth));
            case "any":
                return new Policy.Any(list(value, sub, depth));
            case "not":
                return new Policy.Not(parse(value, sub, depth + 1));
            case "appVersion":
                return new Policy.AppVersion(range(value, sub));
            case "osVersion":
                throw new PolicyException(sub, "\"osVersion\" needs \"os\" in the same object");
            case "deviceIds":
                return new Policy.DeviceIds(strings(value, sub));
            case "percent":
                if (!value.isNumber() || !(value.asDouble() > 0 && value.asDouble() <= 100)) {
                    throw new PolicyException(sub, "expected a number with 0 < percent <= 100, got " + value);
                }
                return new Policy.Percent(value.asDouble());
            default:
                for (Policy.Attribute a : Policy.Attribute.values()) {
                    if (a.key.equals(key)) {
                        return new Policy.OneOf(a, strings(value, sub));
                    }
                }
                throw new PolicyException(sub, "unknown rule key; expected one of all, any, not, appVersion, os, "
                        + "model, tier, region, userGroup, deviceIds, percent");
        }
    }

    private static List<Policy> list(JsonNode value, String path, int depth) {
        if (!value.isArray()) {
            throw new PolicyException(path, "expected an array of rules");
        }
        List<Policy> parts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            parts.add(parse(value.get(i), path + "[" + i + "]", depth + 1));
        }
        return List.copyOf(parts);
    }

    private static VersionRange range(JsonNode value, String path) {
        try {
            return VersionRange.parse(text(value, path));
        } catch (IllegalArgumentException e) {
            throw new PolicyException(path, e.getMessage());
        }
    }

    private static String text(JsonNode value, String path) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new PolicyException(path, "expected a non-empty string, got " + value);
        }
        return value.asText();
    }

    private static Set<String> strings(JsonNode value, String path) {
        Set<String> out = new LinkedHashSet<>();
        if (value.isTextual()) {
            out.add(text(value, path));
        } else if (value.isArray() && !value.isEmpty()) {
            Iterator<JsonNode> it = value.elements();
            for (int i = 0; it.hasNext(); i++) {
                out.add(text(it.next(), path + "[" + i + "]"));
            }
        } else {
            throw new PolicyException(path, "expected a string or a non-empty array of strings, got " + value);
        }
        return Set.copyOf(out);
    }
}
