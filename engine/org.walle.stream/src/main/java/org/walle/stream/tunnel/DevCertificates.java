package org.walle.stream.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Development TLS material for the tunnel, made on first run: a self-signed EC P-256 certificate for
 * {@code localhost}/{@code 127.0.0.1} in {@code tunnel-server.p12} (key + certificate, for the receiver) and the
 * certificate alone in {@code tunnel-trust.p12} (for devices). Later runs reuse the files. Real deployments point
 * {@link TunnelTls} at their own keystores instead.
 */
public final class DevCertificates {
    public static final String SERVER_KEYSTORE = "tunnel-server.p12";
    public static final String TRUSTSTORE = "tunnel-trust.p12";
    static final String ALIAS = "walle-tunnel";

    private DevCertificates() {
    }

    /** Creates the two keystores in {@code dir} unless both exist; returns true when it created them. */
    public static boolean ensure(Path dir, char[] password) throws IOException, GeneralSecurityException {
        Path server = dir.resolve(SERVER_KEYSTORE);
        Path trust = dir.resolve(TRUSTSTORE);
        if (Files.exists(server) && Files.exists(trust)) {
            return false;
        }
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X509Certificate cert = selfSigned(pair);

        KeyStore serverStore = KeyStore.getInstance("PKCS12");
        serverStore.load(null, null);
        serverStore.setKeyEntry(ALIAS, pair.getPrivate(), password, new Certificate[] {cert});
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry(ALIAS, cert);
        writeAtomically(serverStore, server, password);
        writeAtomically(trustStore, trust, password);
        return true;
    }

    private static X509Certificate selfSigned(KeyPair pair) throws GeneralSecurityException {
        X500Name name = new X500Name("CN=localhost, O=Walle development tunnel");
        long now = System.currentTimeMillis();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()), new Date(now - 60_000L),
                new Date(now + 3650L * 24 * 3600 * 1000), name, pair.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("could not build the development certificate", e);
        }
    }

    private static void writeAtomically(KeyStore store, Path file, char[] password)
            throws IOException, GeneralSecurityException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            store.store(out, password);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("keystore not found: " + file);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            throw new IOException("cannot read keystore " + file + " (wrong password or not PKCS12): "
                    + e.getMessage(), e);
        }
        return store;
    }
}
