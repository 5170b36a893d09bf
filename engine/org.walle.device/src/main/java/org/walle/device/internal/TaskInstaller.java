package org.walle.device.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.walle.device.TaskBundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A device's installed tasks on disk: {@code tasks/<task>/<sha256>/} holds a version's files and
 * {@code tasks/<task>/state.json} says which version is current, which was the last good one before it and which
 * bundles went bad. A version is unpacked into a temporary folder and renamed into place, and state.json is
 * replaced by an atomic rename, so a crash at any point leaves either the old or the new version active, never a
 * half-written one. Only the current and the previous version are kept.
 */
public final class TaskInstaller {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path root;

    public TaskInstaller(Path deviceDir) {
        this.root = deviceDir.resolve("tasks");
    }

    /** Installed state of one task. */
    public record State(InstalledVersion current, InstalledVersion previous, Set<String> bad) {
    }

    public synchronized State state(String taskId) throws IOException {
        Path f = root.resolve(taskId).resolve("state.json");
        if (!Files.exists(f)) {
            return new State(null, null, Set.of());
        }
        JsonNode n = MAPPER.readTree(Files.readString(f));
        Set<String> bad = new LinkedHashSet<>();
        n.path("bad").forEach(b -> bad.add(b.asText()));
        return new State(version(n.get("current")), version(n.get("previous")), bad);
    }

    /** Unpacks the bundle's files into {@code tasks/<task>/<sha>/} (atomic rename); a no-op when already there. */
    public synchronized Path unpack(TaskBundle bundle, String sha256) throws IOException {
        Path dir = root.resolve(bundle.id());
        Path target = dir.resolve(sha256);
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempDirectory(dir, ".tmp-");
        try {
            for (String name : bundle.fileNames()) {
                Path f = tmp.resolve(name).normalize();
                if (!f.startsWith(tmp)) {
                    throw new IOException("bundle file escapes the install folder: " + name);
                }
                Files.createDirectories(f.getParent());
                try (OutputStream out = Files.newOutputStream(f)) {
                    out.write(bundle.file(name).orElseThrow());
                }
            }
            move(tmp, target);
        } finally {
            deleteTree(tmp);
        }
        return target;
    }

    /** Makes {@code v} current; the old current becomes previous unless it is the same bundle. */
    public synchronized State activate(InstalledVersion v) throws IOException {
        State s = state(v.taskId());
        InstalledVersion prev = s.current() != null && !s.current().sha256().equals(v.sha256()) ? s.current()
                : s.previous();
        if (prev != null && prev.sha256().equals(v.sha256())) {
            prev = null;
        }
        State next = new State(v, prev, s.bad());
        write(v.taskId(), next);
        prune(v.taskId(), next);
        return next;
    }

    /** Goes back to the previous version and marks the current bundle bad; returns the new state. */
    public synchronized State rollback(String taskId) throws IOException {
        State s = state(taskId);
        Set<String> bad = new LinkedHashSet<>(s.bad());
        if (s.current() != null) {
            bad.add(s.current().sha256());
        }
        State next = new State(s.previous(), null, bad);
        write(taskId, next);
        prune(taskId, next);
        return next;
    }

    /** Marks a bundle bad without changing what is active (a bundle that failed to install too often). */
    public synchronized void markBad(String taskId, String sha256) throws IOException {
        State s = state(taskId);
        Set<String> bad = new LinkedHashSet<>(s.bad());
        bad.add(sha256);
        write(taskId, new State(s.current(), s.previous(), bad));
    }

    /** The task is withdrawn: nothing current, files removed, bad marks forgotten. */
    public synchronized void remove(String taskId) throws IOException {
        deleteTree(root.resolve(taskId));
    }

    public Path folder(String taskId, String sha256) {
        return root.resolve(taskId).resolve(sha256);
    }

    public Optional<TaskBundle> load(InstalledVersion v) throws IOException {
        Path dir = folder(v.taskId(), v.sha256());
        return Files.isDirectory(dir) ? Optional.of(TaskBundle.fromFolder(dir)) : Optional.empty();
    }

    private void write(String taskId, State s) throws IOException {
        ObjectNode n = MAPPER.createObjectNode();
        if (s.current() != null) {
            n.set("current", MAPPER.valueToTree(s.current()));
        }
        if (s.previous() != null) {
            n.set("previous", MAPPER.valueToTree(s.previous()));
        }
        s.bad().forEach(n.putArray("bad")::add);
        Path dir = Files.createDirectories(root.resolve(taskId));
        Path tmp = dir.resolve("state.json.tmp");
        Files.writeString(tmp, MAPPER.writeValueAsString(n));
        move(tmp, dir.resolve("state.json"));
    }

    /** Deletes version folders that are neither current nor previous. */
    private void prune(String taskId, State s) throws IOException {
        try (Stream<Path> list = Files.list(root.resolve(taskId))) {
            for (Path p : list.filter(Files::isDirectory).toList()) {
                String name = p.getFileName().toString();
                boolean keep = name.startsWith(".tmp-") || s.current() != null && name.equals(s.current().sha256())
                        || s.previous() != null && name.equals(s.previous().sha256());
                if (!keep) {
                    deleteTree(p);
                }
            }
        }
    }

    private static InstalledVersion version(JsonNode n) {
        return n == null || n.isNull() ? null : MAPPER.convertValue(n, InstalledVersion.class);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
