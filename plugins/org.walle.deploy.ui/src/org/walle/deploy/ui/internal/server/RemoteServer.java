package org.walle.deploy.ui.internal.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A deployment server somewhere else. Its status comes from the unauthenticated OpenAPI document; counts need an
 * operator token, which the studio does not store, so they are fetched only when {@code WALLE_TOKEN} is set.
 */
public final class RemoteServer implements ServerEntry {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI url;
    private volatile ServerState state = ServerState.STOPPED;
    private volatile String detail = "";
    private volatile ServerCounts counts;

    public RemoteServer(URI url) {
        this.url = url;
    }

    /** Accepts {@code http(s)://host[:port]} only, so a typo is rejected when added, not at every refresh. */
    public static URI parseUrl(String text) {
        String t = text == null ? "" : text.strip();
        URI uri;
        try {
            uri = URI.create(t.endsWith("/") ? t.substring(0, t.length() - 1) : t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: '" + t + "' (" + e.getMessage() + ")", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("server URL must start with http:// or https://, got '" + t + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("server URL has no host: '" + t + "'");
        }
        return uri;
    }

    @Override
    public String name() {
        return url.getAuthority();
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public ServerState state() {
        return state;
    }

    @Override
    public String detail() {
        return detail;
    }

    @Override
    public ServerCounts counts() {
        return counts;
    }

    @Override
    public java.util.Optional<String> token() {
        String token = System.getenv("WALLE_TOKEN");
        return token == null || token.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(token.strip());
    }

    @Override
    public void refresh() {
        try {
            HttpRequest probe = HttpRequest.newBuilder(url.resolve("/api/v1/openapi.json"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            int status = HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                fail("answered " + status + " to GET /api/v1/openapi.json");
                return;
            }
            state = ServerState.RUNNING;
            java.util.Optional<String> token = token();
            if (token.isEmpty()) {
                counts = null;
                detail = "counts need an operator token (set WALLE_TOKEN)";
            } else {
                counts = ServerCounts.fetch(url, token.get());
                detail = "";
            }
        } catch (IOException | RuntimeException e) {
            fail(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(String why) {
        state = ServerState.FAILED;
        detail = "not reachable: " + why;
        counts = null;
    }
}
