package org.walle.deploy.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;

/** Operator client for {@code /api/v1} (used by the CLI and the studio); replies are returned as JSON trees. */
public final class MgmtClient {
    private final HttpJson api;

    public MgmtClient(URI server, String token) {
        this.api = new HttpJson(HttpClient.newHttpClient(), server, token);
    }

    public JsonNode createTask(String id, String name) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", id);
        b.put("name", name);
        return api.post("/api/v1/tasks", b);
    }

    public JsonNode task(String id) {
        return api.get("/api/v1/tasks/" + enc(id));
    }

    /** Zips {@code dir} (skipping {@code .git}) and pushes it as {@code version} of the task. */
    public JsonNode pushVersion(String taskId, String version, String message, Path dir) throws IOException {
        byte[] zip = zipDirectory(dir);
        HttpRequest req = api.request("/api/v1/tasks/" + enc(taskId) + "/versions?version=" + enc(version)
                + (message == null ? "" : "&message=" + enc(message))).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build();
        return api.send(req);
    }

    public JsonNode createRelease(String taskId, String version) {
        return api.post("/api/v1/releases", Map.of("taskId", taskId, "version", version));
    }

    public JsonNode createPolicy(String name, JsonNode rule) {
        return api.post("/api/v1/policies", Map.of("name", name, "rule", rule));
    }

    public JsonNode preview(JsonNode rule) {
        return api.post("/api/v1/policies/preview", Map.of("rule", rule));
    }

    /** {@code stages} null = the standard ladder with {@code betaGroup}. */
    public JsonNode createRollout(long releaseId, long policyId, JsonNode stages, String betaGroup) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("releaseId", releaseId);
        b.put("policyId", policyId);
        if (stages != null) {
            b.put("stages", stages);
        } else {
            b.put("betaGroup", betaGroup);
        }
        return api.post("/api/v1/rollouts", b);
    }

    public JsonNode rollout(long id) {
        return api.get("/api/v1/rollouts/" + id);
    }

    /** start, pause, resume, advance or rollback. */
    public JsonNode verb(long rolloutId, String verb, String reason) {
        return api.post("/api/v1/rollouts/" + rolloutId + "/" + enc(verb), reason == null ? null : Map.of("reason", reason));
    }

    public JsonNode killSwitch(boolean on) {
        return api.post("/api/v1/killswitch", Map.of("on", on));
    }

    public JsonNode issueToken(String role, String subject) {
        return api.post("/api/v1/tokens", Map.of("role", role, "subject", subject));
    }

    public JsonNode get(String path) {
        return api.get(path);
    }

    static byte[] zipDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a directory: " + dir);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buf); Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> !dir.relativize(p).toString().startsWith(".git")).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("directory " + dir + " holds no files");
            }
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return buf.toByteArray();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
