package org.walle.deploy.ui.internal.release;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.walle.deploy.policy.PolicyParser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The targeting fields of the New Release wizard turned into the server's policy JSON. Empty fields are left out;
 * list fields take comma-separated values; the filled-in conditions are joined with {@code all} or {@code any}.
 * The result is checked with the server's own {@link PolicyParser}, so the wizard rejects exactly what the server
 * would, with the same message.
 */
public record PolicyForm(boolean matchAll, String appVersion, String os, String osVersion, String model, String tier,
        String region, String userGroup, String percent) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The rule; throws {@link IllegalArgumentException} naming the field that is wrong. */
    public JsonNode toRule() {
        List<JsonNode> parts = new ArrayList<>();
        if (!blank(appVersion)) {
            parts.add(JSON.createObjectNode().put("appVersion", appVersion.strip()));
        }
        if (!blank(os) || !blank(osVersion)) {
            if (blank(os)) {
                throw new IllegalArgumentException("OS version needs an OS");
            }
            ObjectNode o = JSON.createObjectNode().put("os", os.strip());
            if (!blank(osVersion)) {
                o.put("osVersion", osVersion.strip());
            }
            parts.add(o);
        }
        list(parts, "model", model);
        if (!blank(tier)) {
            parts.add(JSON.createObjectNode().put("tier", tier.strip()));
        }
        list(parts, "region", region);
        list(parts, "userGroup", userGroup);
        if (!blank(percent)) {
            double p;
            try {
                p = Double.parseDouble(percent.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("percentage must be a number, got '" + percent.strip() + "'");
            }
            if (!(p > 0 && p <= 100)) {
                throw new IllegalArgumentException("percentage must be in (0, 100], got " + percent.strip());
            }
            parts.add(JSON.createObjectNode().put("percent", p));
        }
        ObjectNode rule = JSON.createObjectNode();
        ArrayNode arr = rule.putArray(matchAll || parts.isEmpty() ? "all" : "any");
        parts.forEach(arr::add);
        try {
            PolicyParser.parse(rule);
        } catch (IllegalArgumentException e) { // PolicyException names the JSON path
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return rule;
    }

    private static void list(List<JsonNode> parts, String key, String text) {
        if (blank(text)) {
            return;
        }
        ArrayNode values = JSON.createArrayNode();
        Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(values::add);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(key + " lists no values in '" + text + "'");
        }
        ObjectNode o = JSON.createObjectNode();
        o.set(key, values);
        parts.add(o);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
