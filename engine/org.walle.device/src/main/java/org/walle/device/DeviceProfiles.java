package org.walle.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The built-in profiles ({@code low}, {@code mid}, {@code high}) and custom profiles as JSON files:
 * <pre>
 * {"name": "pixel-eu", "model": "pixel-7", "os": "android", "osVersion": "14", "appVersion": "2.4.0",
 *  "tier": "high", "region": "eu", "userGroup": "beta", "backends": ["reference", "simd"], "speedFactor": 0.8}
 * </pre>
 * Every field is required except {@code name} (defaults to the file name); unknown fields are errors, so a typo
 * never silently falls back to a default.
 */
public final class DeviceProfiles {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("name", "model", "os", "osVersion", "appVersion", "tier",
            "region", "userGroup", "backends", "speedFactor");
    private static final Map<String, DeviceProfile> BUILT_IN = new LinkedHashMap<>();

    static {
        add(new DeviceProfile("low", "redmi-9a", "android", "10", "2.1.0", "low", "apac", "public",
                List.of("reference"), 0.15));
        add(new DeviceProfile("mid", "pixel-6a", "android", "13", "2.3.0", "mid", "eu", "public",
                List.of("reference", "simd"), 0.4));
        add(new DeviceProfile("high", "iphone-15-pro", "ios", "17.2", "2.4.0", "high", "us", "public",
                List.of("reference", "simd", "opencl"), 0.9));
    }

    private DeviceProfiles() {
    }

    private static void add(DeviceProfile p) {
        BUILT_IN.put(p.name(), p);
    }

    public static List<DeviceProfile> builtIn() {
        return List.copyOf(BUILT_IN.values());
    }

    /** A built-in profile by name, or a JSON file when {@code nameOrFile} is not a built-in name. */
    public static DeviceProfile resolve(String nameOrFile, Path baseDir) throws IOException {
        DeviceProfile p = BUILT_IN.get(nameOrFile);
        if (p != null) {
            return p;
        }
        Path file = baseDir == null ? Path.of(nameOrFile) : baseDir.resolve(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new ProfileException("'" + nameOrFile + "'", List.of("neither a built-in profile "
                    + BUILT_IN.keySet() + " nor a readable JSON file (" + file + ")"));
        }
        return read(file);
    }

    public static DeviceProfile read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ProfileException(file.toString(), List.of("file not found"));
        }
        String base = file.getFileName().toString().replaceFirst("\\.json$", "");
        return parse(text, file.toString(), base);
    }

    /** Parses one profile object; {@code defaultName} is used when the JSON has no name. */
    public static DeviceProfile parse(String json, String source, String defaultName) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProfileException(source, List.of("not valid JSON: " + e.getOriginalMessage()));
        }
        return fromJson(node, source, defaultName);
    }

    static DeviceProfile fromJson(JsonNode node, String source, String defaultName) {
        if (node == null || !node.isObject()) {
            throw new ProfileException(source, List.of("expected a JSON object with model, os, osVersion, "
                    + "appVersion, tier, region, userGroup, backends, speedFactor"));
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                problems.add("unknown field '" + f + "' (known: " + new java.util.TreeSet<>(FIELDS) + ")");
            }
        }
        String name = node.has("name") ? str(node, "name", problems) : defaultName;
        List<String> backends = new ArrayList<>();
        JsonNode b = node.get("backends");
        if (b != null && !b.isArray()) {
            problems.add("backends must be an array of strings");
        } else if (b != null) {
            b.forEach(x -> backends.add(x.isTextual() ? x.asText() : String.valueOf(x)));
        }
        double speed = Double.NaN;
        JsonNode s = node.get("speedFactor");
        if (s == null) {
            problems.add("speedFactor is required (a number, 1 = as fast as this machine)");
        } else if (!s.isNumber()) {
            problems.add("speedFactor must be a number, got " + s);
        } else {
            speed = s.asDouble();
        }
        String model = str(node, "model", problems);
        String os = str(node, "os", problems);
        String osVersion = str(node, "osVersion", problems);
        String appVersion = str(node, "appVersion", problems);
        String tier = str(node, "tier", problems);
        String region = str(node, "region", problems);
        String group = str(node, "userGroup", problems);
        // fields already reported as the wrong JSON type are not reported again as missing or malformed
        List<String> typeErrors = List.copyOf(problems);
        for (String p : DeviceProfile.problems(name, model, os, osVersion, appVersion, tier, region, group, backends,
                Double.isNaN(speed) ? 1 : speed)) {
            String field = p.split(" ", 2)[0];
            if (typeErrors.stream().noneMatch(t -> t.startsWith(field + " must be"))) {
                problems.add(p);
            }
        }
        if (!problems.isEmpty()) {
            throw new ProfileException(source, problems.stream().distinct().toList());
        }
        return new DeviceProfile(name, model, os, osVersion, appVersion, tier, region, group, backends, speed);
    }

    /** A string field; wrong types are reported here, missing ones by {@link DeviceProfile#problems}. */
    private static String str(JsonNode node, String field, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(field + " must be a string, got " + v);
            return null;
        }
        return v.asText();
    }

    public static String toJson(DeviceProfile p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", p.name()).put("model", p.model()).put("os", p.os()).put("osVersion", p.osVersion())
                .put("appVersion", p.appVersion()).put("tier", p.tier()).put("region", p.region())
                .put("userGroup", p.userGroup());
        ArrayNode a = o.putArray("backends");
        p.backends().forEach(a::add);
        o.put("speedFactor", p.speedFactor());
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
