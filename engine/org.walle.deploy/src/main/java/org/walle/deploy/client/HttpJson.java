package org.walle.deploy.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON over the JDK HTTP client with bearer auth; server errors become {@link DeployClientException}s. */
final class HttpJson {
    /** Lenient on purpose: a device must keep working when a newer server adds fields. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final HttpClient http;
    private final URI base;
    private volatile String token;

    HttpJson(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    void setToken(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    URI base() {
        return base;
    }

    HttpClient http() {
        return http;
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    JsonNode post(String path, Object body) {
        try {
            String json = body == null ? "" : MAPPER.writeValueAsString(body);
            return send(request(path).header("Content-Type", "application/json")
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request body: " + e.getMessage(), e);
        }
    }

    JsonNode send(HttpRequest req) {
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeployClientException(0, "unreachable", "cannot reach " + req.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployClientException(0, "interrupted", "interrupted calling " + req.uri());
        }
        JsonNode body;
        try {
            body = r.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new DeployClientException(r.statusCode(), "bad_response", "non-JSON reply from " + req.uri());
        }
        if (r.statusCode() >= 400) {
            throw new DeployClientException(r.statusCode(), body.path("error").asText(null),
                    req.method() + " " + req.uri().getPath() + " -> " + r.statusCode() + ": "
                            + body.path("message").asText(r.body()));
        }
        return body;
    }
}
