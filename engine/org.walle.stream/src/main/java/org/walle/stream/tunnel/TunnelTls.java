package org.walle.stream.tunnel;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS contexts of both tunnel ends from PKCS12 keystores (development ones or real ones). */
public final class TunnelTls {
    /** TLS 1.3 only: no downgrade to older protocol versions on a link that carries user data. */
    public static final String PROTOCOL = "TLSv1.3";

    private TunnelTls() {
    }

    /** The receiver's context: its private key and certificate chain. */
    public static SSLContext server(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = DevCertificates.load(keystore, password);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext context = SSLContext.getInstance(PROTOCOL);
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** The device's context: trusts exactly the certificates in {@code truststore}. */
    public static SSLContext client(Path truststore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = DevCertificates.load(truststore, password);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance(PROTOCOL);
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** Development setup in {@code dir}: creates the certificates on first use and returns both contexts. */
    public static SSLContext[] development(Path dir, char[] password) throws IOException, GeneralSecurityException {
        DevCertificates.ensure(dir, password);
        return new SSLContext[] {server(dir.resolve(DevCertificates.SERVER_KEYSTORE), password),
            client(dir.resolve(DevCertificates.TRUSTSTORE), password)};
    }
}
