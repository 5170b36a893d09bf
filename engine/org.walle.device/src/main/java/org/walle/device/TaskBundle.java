package org.walle.device;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.walle.stream.trigger.Step;
import org.walle.stream.trigger.Trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An installed task's code, read once and shared (immutable) by every device that runs the same bundle: its
 * {@code task.json} (id, version, entry script, triggers) and all its files in memory. The agent reads only what it
 * needs to wire triggers; the Python VM validates the rest when it runs the task.
 *
 * <p>Triggers in task.json: {@code [{"name": "cart", "sequence": ["add_to_cart", "page_exit@cart"],
 * "window_ms": 600000}]}; they are registered with the stream engine as {@code <taskId>#<name>}.
 */
public final class TaskBundle {
    static final long MAX_BYTES = 64L << 20;
    static final int MAX_FILES = 2_000;

    private final String id;
    private final String version;
    private final String entry;
    private final String sha256;
    private final List<Trigger> triggers;
    private final Map<String, byte[]> files;

    private TaskBundle(String id, String version, String entry, String sha256, List<Trigger> triggers,
            Map<String, byte[]> files) {
        this.id = id;
        this.version = version;
        this.entry = entry;
        this.sha256 = sha256;
        this.triggers = List.copyOf(triggers);
        this.files = files;
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    /** The entry script, e.g. {@code main.py}. */
    public String entry() {
        return entry;
    }

    /**
     * A key naming this exact content: the bundle hash, or for a folder a SHA-256 over its file names and bytes
     * (so an edited folder is a different task to every cache).
     */
    public String contentKey() {
        if (sha256 != null) {
            return sha256;
        }
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(java.nio.ByteBuffer.allocate(8).putLong(e.getValue().length).array());
                md.update(e.getValue());
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Content hash of the bundle zip (null for a task loaded from a folder). */
    public String sha256() {
        return sha256;
    }

    /** Stream triggers with ids {@code <taskId>#<name>}. */
    public List<Trigger> triggers() {
        return triggers;
    }

    public java.util.Set<String> fileNames() {
        return java.util.Collections.unmodifiableSet(files.keySet());
    }

    public Optional<byte[]> file(String name) {
        byte[] b = files.get(name);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    public Optional<String> script(String name) {
        byte[] b = files.get(name);
        return b == null ? Optional.empty() : Optional.of(new String(b, StandardCharsets.UTF_8));
    }

    /** The trigger name inside the task for a stream trigger id, e.g. {@code cart} for {@code shop#cart}. */
    public static String triggerName(String streamTriggerId) {
        int hash = streamTriggerId.indexOf('#');
        return hash < 0 ? streamTriggerId : streamTriggerId.substring(hash + 1);
    }

    public static String taskOf(String streamTriggerId) {
        int hash = streamTriggerId.indexOf('#');
        return hash < 0 ? streamTriggerId : streamTriggerId.substring(0, hash);
    }

    /** Reads a bundle zip; {@code sha256} is the already verified hash of its bytes. */
    public static TaskBundle fromZip(Path zip, String sha256) throws IOException {
        try (InputStream in = Files.newInputStream(zip)) {
            return fromZip(in, zip.toString(), sha256);
        }
    }

    public static TaskBundle fromZip(byte[] zip, String source, String sha256) throws IOException {
        return fromZip(new ByteArrayInputStream(zip), source, sha256);
    }

    private static TaskBundle fromZip(InputStream raw, String source, String sha256) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipInputStream zin = new ZipInputStream(raw)) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = safeName(e.getName(), source);
                byte[] data = zin.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES - total + 1));
                total += data.length;
                if (total > MAX_BYTES || files.size() >= MAX_FILES) {
                    throw new InvalidTaskException(source, "bundle larger than " + (MAX_BYTES >> 20) + " MiB or "
                            + MAX_FILES + " files");
                }
                if (files.put(name, data) != null) {
                    throw new InvalidTaskException(source, "file '" + name + "' appears twice in the bundle");
                }
            }
        }
        return of(files, source, sha256);
    }

    /** Reads a task folder (the studio's editor case: no server, no zip). */
    public static TaskBundle fromFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidTaskException(dir.toString(), "not a folder");
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith(".git/")) {
                    files.put(safeName(rel, dir.toString()), Files.readAllBytes(p));
                }
            }
        }
        return of(files, dir.toString(), null);
    }

    /** Zip entries like {@code ../x} or {@code /etc/x} would escape the install folder: refuse them. */
    static String safeName(String name, String source) {
        String n = name.replace('\\', '/');
        if (n.isEmpty() || n.startsWith("/") || n.contains("\0") || List.of(n.split("/")).contains("..")) {
            throw new InvalidTaskException(source, "unsafe file name in bundle: '" + name + "'");
        }
        return n;
    }

    static TaskBundle of(Map<String, byte[]> files, String source, String sha256) {
        byte[] manifest = files.get("task.json");
        if (manifest == null) {
            throw new InvalidTaskException(source, "task.json is missing at the bundle root");
        }
        JsonNode m;
        try {
            m = DeviceProfiles.MAPPER.readTree(new String(manifest, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InvalidTaskException(source, "task.json is not valid JSON: " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        String id = m.path("id").asText("");
        if (!id.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
            problems.add("task.json: \"id\" must be 1-100 of a-z 0-9 . _ - , got " + m.get("id"));
        }
        String version = m.path("version").asText("");
        if (version.isBlank()) {
            problems.add("task.json: \"version\" is required");
        }
        String entry = m.path("entry").asText("main.py");
        if (!files.containsKey(entry)) {
            problems.add("task.json: entry script '" + entry + "' is not in the bundle");
        }
        List<Trigger> triggers = triggers(m.get("triggers"), id, problems);
        if (!problems.isEmpty()) {
            throw new InvalidTaskException(source, String.join("; ", problems));
        }
        return new TaskBundle(id, version, entry, sha256, triggers, java.util.Collections.unmodifiableMap(files));
    }

    private static List<Trigger> triggers(JsonNode node, String taskId, List<String> problems) {
        List<Trigger> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            problems.add("task.json: \"triggers\" must be a list");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            String where = "task.json: triggers[" + i + "]";
            String name = t.path("name").asText("");
            JsonNode seq = t.get("sequence");
            long window = t.path("window_ms").asLong(0);
            if (name.isBlank() || name.contains("#")) {
                problems.add(where + ": \"name\" must be a non-empty string without '#'");
            } else if (seq == null || !seq.isArray() || seq.isEmpty()) {
                problems.add(where + ": \"sequence\" must be a non-empty list of event ids");
            } else if (window < 0) {
                problems.add(where + ": \"window_ms\" must be >= 0");
            } else {
                List<Step> steps = new ArrayList<>();
                for (JsonNode s : seq) {
                    String text = s.asText("");
                    int at = text.indexOf('@');
                    steps.add(at < 0 ? Step.of(text) : Step.on(text.substring(0, at), text.substring(at + 1)));
                }
                try {
                    out.add(new Trigger(taskId + "#" + name, steps, window == 0 ? Trigger.NO_WINDOW : window,
                            List.of()));
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }
}
