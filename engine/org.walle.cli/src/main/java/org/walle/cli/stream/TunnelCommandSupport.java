package org.walle.cli.stream;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;

import org.walle.stream.tunnel.DevCertificates;
import org.walle.stream.tunnel.TunnelTls;

import picocli.CommandLine.Option;

/** TLS options shared by the tunnel commands: development certificates in a folder, made on first use. */
final class TunnelCommandSupport {
    @Option(names = "--certs", defaultValue = "${sys:user.home}/.walle/tunnel-certs", paramLabel = "DIR",
            description = "Folder of tunnel-server.p12 / tunnel-trust.p12 (created on first use; default ${DEFAULT-VALUE}).")
    Path certs;

    @Option(names = "--cert-password", defaultValue = "walle-dev", paramLabel = "PASSWORD",
            description = "Password of the keystores (default: the development one).")
    String password;

    SSLContext server() throws IOException, GeneralSecurityException {
        DevCertificates.ensure(certs, password.toCharArray());
        return TunnelTls.server(certs.resolve(DevCertificates.SERVER_KEYSTORE), password.toCharArray());
    }

    SSLContext client() throws IOException, GeneralSecurityException {
        DevCertificates.ensure(certs, password.toCharArray());
        return TunnelTls.client(certs.resolve(DevCertificates.TRUSTSTORE), password.toCharArray());
    }
}
