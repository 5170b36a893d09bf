package org.walle.cli.device;

import java.nio.file.Path;

import org.walle.device.OutputUplink;
import org.walle.device.TunnelUplink;
import org.walle.stream.tunnel.TunnelOptions;
import org.walle.stream.tunnel.TunnelTls;

import picocli.CommandLine.Option;

/** Where outputs go: {@code --tunnel HOST:PORT --tunnel-trust FILE --tunnel-password PW}, or nowhere. */
final class TunnelArgs {
    @Option(names = "--tunnel", paramLabel = "HOST:PORT", description = "Send outputs through the stream tunnel.")
    String tunnel;

    @Option(names = "--tunnel-trust", paramLabel = "P12", description = "Truststore with the tunnel certificate.")
    Path trust;

    @Option(names = "--tunnel-password", paramLabel = "PW", defaultValue = "changeit",
            description = "Truststore password (default: ${DEFAULT-VALUE}).")
    String password;

    OutputUplink open(String name, int connections) throws Exception {
        if (tunnel == null) {
            return OutputUplink.NONE;
        }
        int colon = tunnel.lastIndexOf(':');
        if (colon <= 0 || trust == null) {
            throw new IllegalArgumentException("--tunnel needs HOST:PORT and --tunnel-trust FILE, got '" + tunnel + "'");
        }
        int port;
        try {
            port = Integer.parseInt(tunnel.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--tunnel port is not a number: '" + tunnel + "'");
        }
        return new TunnelUplink(tunnel.substring(0, colon), port, TunnelTls.client(trust, password.toCharArray()),
                name, connections, TunnelOptions.defaults());
    }
}
