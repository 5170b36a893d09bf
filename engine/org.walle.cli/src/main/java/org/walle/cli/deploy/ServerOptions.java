package org.walle.cli.deploy;

import java.net.URI;

import org.walle.deploy.client.MgmtClient;

import picocli.CommandLine.Option;

/** {@code --server} and {@code --token}, shared by every command that talks to a running server. */
public final class ServerOptions {
    @Option(names = "--server", defaultValue = "${env:WALLE_SERVER:-http://127.0.0.1:8080}",
            description = "Server URL (default: $WALLE_SERVER or ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--token", defaultValue = "${env:WALLE_TOKEN}",
            description = "Bearer token (default: $WALLE_TOKEN); the first admin token is in <data>/admin.token.")
    String token;

    MgmtClient client() {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no token: pass --token or set WALLE_TOKEN");
        }
        URI uri = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("--server must be an http(s) URL, got '" + server + "'");
        }
        return new MgmtClient(uri, token);
    }
}
