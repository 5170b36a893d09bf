package org.walle.deploy.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.walle.deploy.model.DeviceAttributes;
import org.walle.deploy.model.ReportStatus;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The device side of the deployment protocol: register, hold the push WebSocket, pull and verify bundles, report.
 * One {@link HttpClient} can be shared by thousands of clients (the fleet emulator does). Typical use:
 * <pre>
 * DeviceClient d = DeviceClient.register(http, url, enrollmentToken, "dev-1", attrs);
 * d.connect(notice -&gt; { Path zip = d.pull(notice, dir); install(zip); d.report(notice.releaseId(), INSTALLED, ms, null); });
 * </pre>
 */
public final class DeviceClient implements AutoCloseable {
    private final HttpJson api;
    private final String deviceId;
    private final BundleVerifier verifier;
    private volatile WebSocket socket;

    private DeviceClient(HttpJson api, String deviceId, String serverKey) {
        this.api = api;
        this.deviceId = deviceId;
        this.verifier = new BundleVerifier(serverKey);
    }

    /** Registers with an enrollment token and returns a client holding the device's own token. */
    public static DeviceClient register(HttpClient http, URI server, String enrollmentToken, String deviceId,
            DeviceAttributes attributes) {
        HttpJson enroll = new HttpJson(http, server, enrollmentToken);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deviceId", deviceId);
        body.put("attributes", attributes);
        JsonNode r = enroll.post("/device/v1/register", body);
        return new DeviceClient(new HttpJson(http, server, r.get("token").asText()), deviceId, r.get("serverKey").asText());
    }

    /** A client for a device registered earlier (token and server key kept by the device). */
    public static DeviceClient resume(HttpClient http, URI server, String deviceId, String token, String serverKey) {
        return new DeviceClient(new HttpJson(http, server, token), deviceId, serverKey);
    }

    public String deviceId() {
        return deviceId;
    }

    public String token() {
        return api.token();
    }

    /**
     * Opens the push connection. Every current assignment arrives first (offline catch-up), then one notice per change.
     * {@code onNotice} runs on the HTTP client's thread: hand long work (pull, install) to an executor.
     */
    public CompletableFuture<Void> connect(Consumer<Notice> onNotice) {
        URI ws = URI.create(api.base().toString().replaceFirst("^http", "ws") + "/device/v1/connect");
        return api.http().newWebSocketBuilder().header("Authorization", "Bearer " + api.token())
                .connectTimeout(Duration.ofSeconds(30)).buildAsync(ws, new Listener(onNotice))
                .thenAccept(s -> socket = s);
    }

    public boolean isConnected() {
        WebSocket s = socket;
        return s != null && !s.isInputClosed() && !s.isOutputClosed();
    }

    /** Polling mode: the current assignments. */
    public List<Notice> poll() {
        List<Notice> out = new ArrayList<>();
        for (JsonNode n : api.get("/device/v1/assignments").path("notices")) {
            out.add(HttpJson.MAPPER.convertValue(n, Notice.class));
        }
        return out;
    }

    /**
     * Downloads the notice's bundle into {@code dir} as {@code <sha256>.zip} and verifies hash and signature. A file
     * already there is revalidated with If-None-Match (304, no bytes); a {@code .part} left by an interrupted download
     * is resumed with a Range request. A bundle that fails verification is deleted and never returned.
     */
    public Path pull(Notice n, Path dir) throws IOException {
        if (n.isWithdrawal()) {
            throw new IllegalArgumentException("notice withdraws task " + n.taskId() + ": nothing to pull");
        }
        Files.createDirectories(dir);
        Path done = dir.resolve(n.sha256() + ".zip");
        Path part = dir.resolve(n.sha256() + ".zip.part");
        String etag = "\"" + n.sha256() + "\"";
        HttpRequest.Builder req = api.request(n.url()).GET();
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (Files.exists(done)) {
            req.header("If-None-Match", etag);
        } else if (have > 0) {
            req.header("Range", "bytes=" + have + "-").header("If-Range", etag);
        }
        HttpResponse<InputStream> r = send(req.build());
        try (InputStream body = r.body()) {
            switch (r.statusCode()) {
                case 304:
                    break;
                case 200:
                case 206:
                    boolean append = r.statusCode() == 206;
                    try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                        body.transferTo(out);
                    }
                    Files.move(part, done, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    break;
                default:
                    throw new DeployClientException(r.statusCode(), null, "bundle " + n.sha256() + ": HTTP " + r.statusCode()
                            + " " + new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        try {
            verifier.verify(done, n.sha256(), n.signature());
        } catch (BundleVerificationException e) {
            Files.deleteIfExists(done);
            throw e;
        }
        return done;
    }

    public void report(long releaseId, ReportStatus status, Long latencyMs, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("releaseId", releaseId);
        body.put("status", status);
        body.put("latencyMs", latencyMs);
        body.put("message", message);
        api.post("/device/v1/reports", body);
    }

    public BundleVerifier verifier() {
        return verifier;
    }

    private HttpResponse<InputStream> send(HttpRequest req) throws IOException {
        try {
            return api.http().send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Closes the push connection (the device is offline until it connects again). */
    public void disconnect() {
        WebSocket s = socket;
        socket = null;
        if (s != null) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
            s.abort();
        }
    }

    @Override
    public void close() {
        disconnect();
    }

    /** Reassembles text frames and hands each notice to the callback. */
    private static final class Listener implements WebSocket.Listener {
        private final Consumer<Notice> onNotice;
        private final StringBuilder text = new StringBuilder();

        Listener(Consumer<Notice> onNotice) {
            this.onNotice = onNotice;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String msg = text.toString();
                text.setLength(0);
                try {
                    JsonNode n = HttpJson.MAPPER.readTree(msg);
                    if ("notice".equals(n.path("type").asText())) {
                        onNotice.accept(HttpJson.MAPPER.convertValue(n.get("notice"), Notice.class));
                    }
                } catch (IOException | RuntimeException e) {
                    // a malformed frame or a failing callback must not kill the connection
                }
            }
            ws.request(1);
            return null;
        }
    }
}
