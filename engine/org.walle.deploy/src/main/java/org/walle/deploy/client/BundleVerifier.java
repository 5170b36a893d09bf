package org.walle.deploy.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What a device runs before installing a bundle: the file's SHA-256 must equal the announced hash, and the server's
 * Ed25519 signature over {@link #signedMessage(String)} must verify with the server's public key (obtained once, at
 * registration). Either failure is a {@link BundleVerificationException} and the bundle must not be installed.
 */
public final class BundleVerifier {
    private final PublicKey serverKey;

    /** @param serverKeyBase64 the server's Ed25519 public key, X.509 DER, base64 */
    public BundleVerifier(String serverKeyBase64) {
        try {
            this.serverKey = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(serverKeyBase64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509, base64): " + e.getMessage(), e);
        }
    }

    /** The exact bytes the server signs: binds the signature to the content hash and the format version. */
    public static byte[] signedMessage(String sha256Hex) {
        return ("walle-bundle-v1 sha256=" + sha256Hex).getBytes(StandardCharsets.UTF_8);
    }

    public void verify(Path bundle, String expectedSha256, String signatureBase64) throws IOException {
        try (InputStream in = Files.newInputStream(bundle)) {
            verify(in, expectedSha256, signatureBase64);
        }
    }

    public void verify(InputStream bundle, String expectedSha256, String signatureBase64) throws IOException {
        String actual = sha256(bundle);
        if (!actual.equals(expectedSha256)) {
            throw new BundleVerificationException("bundle hash mismatch: expected " + expectedSha256 + ", got " + actual);
        }
        verifySignature(actual, signatureBase64);
    }

    public void verifySignature(String sha256Hex, String signatureBase64) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(serverKey);
            s.update(signedMessage(sha256Hex));
            if (!s.verify(Base64.getDecoder().decode(signatureBase64))) {
                throw new BundleVerificationException("bad signature for bundle " + sha256Hex);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BundleVerificationException("unverifiable signature for bundle " + sha256Hex + ": " + e.getMessage());
        }
    }

    public static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
