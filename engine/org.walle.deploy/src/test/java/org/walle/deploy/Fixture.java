package org.walle.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.walle.deploy.client.MgmtClient;
import org.walle.deploy.model.DeviceAttributes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test helpers: a server in a temp dir, raw HTTP calls, and a published task. */
public final class Fixture implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public final WalleServer server;
    public final String admin;
    public final MgmtClient mgmt;
    public final HttpClient http = HttpClient.newHttpClient();

    public Fixture(Path dir) throws IOException {
        server = WalleServer.start(new WalleServer.Options("127.0.0.1", 0, dir, null, 50));
        admin = server.adminToken().orElseThrow();
        mgmt = new MgmtClient(server.url(), admin);
    }

    public URI url() {
        return server.url();
    }

    public record Reply(int status, JsonNode json, HttpResponse<byte[]> raw) {
    }

    public Reply call(String method, String path, String token, String jsonBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode j = null;
        String ct = r.headers().firstValue("Content-Type").orElse("");
        if (ct.startsWith("application/json") && r.body().length > 0) {
            j = JSON.readTree(r.body());
        }
        return new Reply(r.statusCode(), j, r);
    }

    /** Creates task {@code id}, pushes {@code files} as {@code version} and releases it; returns the release JSON. */
    public JsonNode publish(Path work, String id, String version, Map<String, String> files) throws IOException {
        Path dir = Files.createDirectories(work.resolve(id + "-" + version));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        try {
            mgmt.task(id);
        } catch (org.walle.deploy.client.DeployClientException e) {
            mgmt.createTask(id, "task " + id);
        }
        mgmt.pushVersion(id, version, "test", dir);
        return mgmt.createRelease(id, version);
    }

    public String enrollmentToken() {
        return mgmt.issueToken("device", "fleet").get("token").asText();
    }

    public static DeviceAttributes attrs(String app, String region, String group, boolean emulated) {
        return new DeviceAttributes(app, "android", "13", "pixel-7", "high", region, group, emulated);
    }

    @Override
    public void close() {
        server.stop();
    }
}
