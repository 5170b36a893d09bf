package org.walle.pyvm.internal.pkg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.walle.pyvm.TaskLimits;
import org.walle.pyvm.TaskManifest;
import org.walle.pyvm.Trigger;
import org.walle.pyvm.internal.json.MiniJson;

/** Parses and checks task.json against the package's files; adds one message per problem. */
final class ManifestParser {
    static final String MANIFEST = "task.json";
    private static final Set<String> KEYS = Set.of("id", "version", "entry", "triggers", "resources", "limits",
            "description");
    private static final Set<String> LIMIT_KEYS = Set.of("timeout_ms", "max_alloc_mb");

    private ManifestParser() {
    }

    static TaskManifest parse(Map<String, byte[]> files, List<String> problems) {
        byte[] raw = files.get(MANIFEST);
        if (raw == null) {
            problems.add("task.json is missing at the package root");
            return null;
        }
        Object json;
        try {
            json = MiniJson.parse(new String(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            problems.add("task.json: " + e.getMessage());
            return null;
        }
        if (!(json instanceof Map<?, ?> m)) {
            problems.add("task.json: the top level must be an object");
            return null;
        }
        for (Object k : m.keySet()) {
            if (!KEYS.contains(k)) {
                problems.add("task.json: unknown field \"" + k + "\" (known: " + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        String id = string(m, "id", true, problems);
        if (id != null && !id.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
            problems.add("task.json: \"id\" must be 1-100 of a-z 0-9 . _ - starting with a letter or digit, got \""
                    + id + "\"");
        }
        String version = string(m, "version", true, problems);
        String entry = string(m, "entry", false, problems);
        if (entry == null) {
            entry = "main.py";
        }
        if (!entry.endsWith(".py")) {
            problems.add("task.json: \"entry\" must name a .py script, got \"" + entry + "\"");
        } else if (!files.containsKey(entry)) {
            problems.add("task.json: entry script \"" + entry + "\" is not in the package");
        }
        List<String> resources = resources(m.get("resources"), files, problems);
        List<Trigger> triggers = triggers(m.get("triggers"), problems);
        TaskLimits limits = limits(m.get("limits"), problems);
        return problems.isEmpty() ? new TaskManifest(id, version, entry, triggers, resources, limits) : null;
    }

    private static String string(Map<?, ?> m, String key, boolean required, List<String> problems) {
        Object v = m.get(key);
        if (v == null) {
            if (required) {
                problems.add("task.json: required field \"" + key + "\" is missing");
            }
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            problems.add("task.json: \"" + key + "\" must be a non-empty string");
            return null;
        }
        return s;
    }

    private static List<String> resources(Object v, Map<String, byte[]> files, List<String> problems) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> l)) {
            problems.add("task.json: \"resources\" must be a list of file names");
            return out;
        }
        for (Object o : l) {
            if (!(o instanceof String s)) {
                problems.add("task.json: \"resources\" entries must be strings, got " + o);
            } else if (PackageReader.unsafeName(s) != null) {
                problems.add("task.json: resource \"" + s + "\" " + PackageReader.unsafeName(s));
            } else if (!files.containsKey(s)) {
                problems.add("task.json: resource \"" + s + "\" is not in the package");
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Trigger> triggers(Object v, List<String> problems) {
        List<Trigger> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> l)) {
            problems.add("task.json: \"triggers\" must be a list of {\"name\", \"sequence\", \"window_ms\"}");
            return out;
        }
        for (int i = 0; i < l.size(); i++) {
            String where = "task.json: triggers[" + i + "]";
            if (!(l.get(i) instanceof Map<?, ?> t)) {
                problems.add(where + " must be an object");
                continue;
            }
            Object name = t.get("name");
            Object seq = t.get("sequence");
            Object window = t.containsKey("window_ms") ? t.get("window_ms") : (Object) 0L;
            if (!(name instanceof String n) || n.isBlank()) {
                problems.add(where + ": \"name\" must be a non-empty string");
                continue;
            }
            if (!(seq instanceof List<?> s) || s.isEmpty() || !s.stream().allMatch(e -> e instanceof String)) {
                problems.add(where + ": \"sequence\" must be a non-empty list of event ids");
                continue;
            }
            if (!(window instanceof Long w) || w < 0) {
                problems.add(where + ": \"window_ms\" must be a non-negative integer");
                continue;
            }
            out.add(new Trigger(n, s.stream().map(String.class::cast).toList(), w));
        }
        return out;
    }

    private static TaskLimits limits(Object v, List<String> problems) {
        TaskLimits limits = TaskLimits.DEFAULT;
        if (v == null) {
            return limits;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problems.add("task.json: \"limits\" must be an object");
            return limits;
        }
        for (Object k : m.keySet()) {
            if (!LIMIT_KEYS.contains(k)) {
                problems.add("task.json: unknown limit \"" + k + "\" (known: " + new java.util.TreeSet<>(LIMIT_KEYS)
                        + ")");
            }
        }
        Object t = m.get("timeout_ms");
        if (t != null) {
            if (t instanceof Long ms && ms > 0 && ms <= 3_600_000) {
                limits = limits.withTimeoutMillis(ms);
            } else {
                problems.add("task.json: limits.timeout_ms must be an integer in 1..3600000, got " + t);
            }
        }
        Object a = m.get("max_alloc_mb");
        if (a != null) {
            if (a instanceof Long mb && mb > 0 && mb <= 1_000_000) {
                limits = limits.withMaxAllocatedBytes(mb << 20);
            } else {
                problems.add("task.json: limits.max_alloc_mb must be an integer in 1..1000000, got " + a);
            }
        }
        return limits;
    }
}
