package org.walle.deploy.internal.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.walle.deploy.client.BundleVerifier;

/**
 * The server's Ed25519 signing key, generated on first run into {@code keys/} of the data directory (private key
 * readable by the owner only) and loaded afterwards, so bundles signed before a restart still verify.
 */
public final class ServerKey {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private ServerKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static ServerKey loadOrCreate(Path keyDir) throws IOException {
        Path priv = keyDir.resolve("server-ed25519.pk8");
        Path pub = keyDir.resolve("server-ed25519.pub");
        try {
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            if (Files.exists(priv) && Files.exists(pub)) {
                return new ServerKey(kf.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv))),
                        kf.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub))));
            }
            Files.createDirectories(keyDir);
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            // public first: a crash between the two writes leaves no private key, so the next start regenerates both
            writeAtomically(pub, kp.getPublic().getEncoded(), false);
            writeAtomically(priv, kp.getPrivate().getEncoded(), true);
            return new ServerKey(kp.getPrivate(), kp.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IOException("server key in " + keyDir + " is unreadable: " + e.getMessage(), e);
        }
    }

    public String sign(String sha256Hex) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(BundleVerifier.signedMessage(sha256Hex));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** X.509 DER, base64: what devices pass to {@link BundleVerifier}. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    private static void writeAtomically(Path target, byte[] bytes, boolean ownerOnly) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        if (ownerOnly) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // non-POSIX file system: rely on the data directory's own permissions
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
