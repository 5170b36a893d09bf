package org.walle.deploy.internal.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.deploy.client.BundleVerificationException;
import org.walle.deploy.client.BundleVerifier;

/** Bundles: deterministic zips of a commit, stored once by hash, Ed25519-signed, verified and tamper-detected. */
class SignatureTest {
    @TempDir
    Path tmp;

    private static SortedMap<String, byte[]> files(String... kv) {
        SortedMap<String, byte[]> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void sameTreeSameHashStoredOnceAndSignatureVerifies() throws Exception {
        TaskGit git = new TaskGit(tmp.resolve("git"));
        BundleStore store = new BundleStore(tmp.resolve("bundles"));
        ServerKey key = ServerKey.loadOrCreate(tmp.resolve("keys"));
        String c1 = git.commit("t", "1.0", "one", "tester", files("main.py", "x=1", "lib/util.py", "y=2"));
        String c2 = git.commit("t", "1.1", "same tree again", "tester", files("main.py", "x=1", "lib/util.py", "y=2"));
        assertTrue(!c1.equals(c2), "two commits");
        assertEquals(c1, git.tagged("t", "1.0"));
        BundleStore.Stored b1 = store.store(out -> git.writeBundle("t", c1, out));
        BundleStore.Stored b2 = store.store(out -> git.writeBundle("t", c2, out));
        assertEquals(b1, b2, "identical trees give identical bundles");
        try (var dir = Files.list(tmp.resolve("bundles"))) {
            assertEquals(1, dir.count(), "stored once");
        }
        // the zip holds the tree
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(store.path(b1.sha256())))) {
            assertEquals("lib/util.py", z.getNextEntry().getName());
            assertEquals("main.py", z.getNextEntry().getName());
        }
        String sig = key.sign(b1.sha256());
        BundleVerifier v = new BundleVerifier(key.publicKeyBase64());
        v.verify(store.path(b1.sha256()), b1.sha256(), sig);
        // a different tree hashes differently
        String c3 = git.commit("t", "2.0", "changed", "tester", files("main.py", "x=2"));
        assertTrue(!store.store(out -> git.writeBundle("t", c3, out)).sha256().equals(b1.sha256()));
    }

    @Test
    void tamperedBytesSignatureOrKeyAreRejected() throws Exception {
        ServerKey key = ServerKey.loadOrCreate(tmp.resolve("keys"));
        byte[] bundle = "pretend zip".getBytes(StandardCharsets.UTF_8);
        String sha = BundleVerifier.sha256(new ByteArrayInputStream(bundle));
        String sig = key.sign(sha);
        BundleVerifier v = new BundleVerifier(key.publicKeyBase64());
        v.verify(new ByteArrayInputStream(bundle), sha, sig);

        byte[] tampered = bundle.clone();
        tampered[0] ^= 1;
        assertThrows(BundleVerificationException.class, () -> v.verify(new ByteArrayInputStream(tampered), sha, sig));
        // an attacker who also swaps the announced hash still lacks the signature
        String evilSha = BundleVerifier.sha256(new ByteArrayInputStream(tampered));
        assertThrows(BundleVerificationException.class, () -> v.verify(new ByteArrayInputStream(tampered), evilSha, sig));
        byte[] badSig = Base64.getDecoder().decode(sig);
        badSig[5] ^= 0x10;
        assertThrows(BundleVerificationException.class,
                () -> v.verify(new ByteArrayInputStream(bundle), sha, Base64.getEncoder().encodeToString(badSig)));
        assertThrows(BundleVerificationException.class, () -> v.verify(new ByteArrayInputStream(bundle), sha, "not base64!"));
        ServerKey other = ServerKey.loadOrCreate(tmp.resolve("other-keys"));
        assertThrows(BundleVerificationException.class,
                () -> new BundleVerifier(other.publicKeyBase64()).verify(new ByteArrayInputStream(bundle), sha, sig));
        assertThrows(IllegalArgumentException.class, () -> new BundleVerifier("AAAA"));
    }

    @Test
    void keySurvivesRestartAndPrivateFileIsOwnerOnly() throws Exception {
        ServerKey a = ServerKey.loadOrCreate(tmp.resolve("keys"));
        ServerKey b = ServerKey.loadOrCreate(tmp.resolve("keys"));
        assertEquals(a.publicKeyBase64(), b.publicKeyBase64());
        assertEquals(a.sign("ab"), b.sign("ab"), "Ed25519 is deterministic");
        assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(tmp.resolve("keys/server-ed25519.pk8")));
    }

    @Test
    void orphanCleanupKeepsOnlyCommittedBundles() throws Exception {
        BundleStore store = new BundleStore(tmp.resolve("bundles"));
        BundleStore.Stored kept = store.store(out -> out.write(1));
        BundleStore.Stored orphan = store.store(out -> out.write(2));
        Files.writeString(tmp.resolve("bundles/abc.tmp"), "half written");
        assertEquals(2, store.removeOrphans(Set.of(kept.sha256())));
        assertTrue(Files.exists(store.path(kept.sha256())));
        assertTrue(!Files.exists(store.path(orphan.sha256())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Files.copy(store.path(kept.sha256()), out);
        assertArrayEquals(new byte[] {1}, out.toByteArray());
    }
}
