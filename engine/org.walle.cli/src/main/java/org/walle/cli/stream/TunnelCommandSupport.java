package org.walle.cli.stream;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;

import org.walle.engine.WalleHome;
import org.walle.stream.tunnel.DevCertificates;
import org.walle.stream.tunnel.TunnelTls;

import picocli.CommandLine.Option;

/** TLS options shared by the tunnel commands: development certificates in a folder, made on first use. */
final class TunnelCommandSupport {
    @Option(names = "--certs", paramLabel = "DIR", description = "Folder of tunnel-server.p12 / tunnel-trust.p12 "
            + "(created on first use; default: tunnel-certs in ~/.walle, or in -Dwalle.home).")
    Path certs;

    @Option(names = "--cert-password", defaultValue = "walle-dev", paramLabel = "PASSWORD",
            description = "Password of the keystores (default: the development one).")
    String password;

    SSLContext server() throws IOException, GeneralSecurityException {
        Path dir = certsDir();
        DevCertificates.ensure(dir, password.toCharArray());
        return TunnelTls.server(dir.resolve(DevCertificates.SERVER_KEYSTORE), password.toCharArray());
    }

    SSLContext client() throws IOException, GeneralSecurityException {
        Path dir = certsDir();
        DevCertificates.ensure(dir, password.toCharArray());
        return TunnelTls.client(dir.resolve(DevCertificates.TRUSTSTORE), password.toCharArray());
    }

    private Path certsDir() {
        return certs != null ? certs : WalleHome.resolve("tunnel-certs");
    }
}
