package org.walle.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.deploy.client.BundleVerifier;
import org.walle.deploy.client.MgmtClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * kill -9 during publishing and rollout transitions: after a restart every release the child saw committed exists
 * with an intact bundle, no bundle file lacks its release (no half-published release), and the rollout's status is
 * the last committed one (or the one whose commit raced the kill), matching its audit trail.
 */
class CrashSafetyTest {
    @TempDir
    Path tmp;

    @Test
    void killMinusNineLosesNothingCommittedAndLeavesNoHalfRelease() throws Exception {
        Path data = tmp.resolve("data");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<Long, String> released = new LinkedHashMap<>();
        List<String> statuses = new ArrayList<>();
        long rollout = -1;
        // kill at a point that varies run to run, after at least 4 committed releases
        int killAfter = 4 + (int) (System.nanoTime() % 4);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            for (String line; (line = out.readLine()) != null;) {
                String[] p = line.split(" ");
                if (p[0].equals("RELEASED")) {
                    released.put(Long.parseLong(p[1]), p[2]);
                    if (released.size() >= killAfter) {
                        child.destroyForcibly();
                        break;
                    }
                } else if (p[0].equals("TRANSITION")) {
                    rollout = Long.parseLong(p[1]);
                    statuses.add(p[2]);
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(released.size() >= 4, "the child published before it was killed: " + released);
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        try (WalleServer server = WalleServer.start(0, data)) {
            MgmtClient m = new MgmtClient(server.url(), server.adminToken().orElseThrow());
            Set<String> committedHashes = new HashSet<>();
            JsonNode all = m.get("/api/v1/releases?limit=500");
            for (JsonNode r : all.get("items")) {
                committedHashes.add(r.get("bundleSha256").asText());
                Path file = data.resolve("bundles").resolve(r.get("bundleSha256").asText() + ".zip");
                try (InputStream in = Files.newInputStream(file)) {
                    assertEquals(r.get("bundleSha256").asText(), BundleVerifier.sha256(in), "intact bundle " + r);
                }
                new BundleVerifier(publicKey(data))
                        .verifySignature(r.get("bundleSha256").asText(), r.get("signature").asText());
            }
            for (Map.Entry<Long, String> e : released.entrySet()) {
                assertEquals(e.getValue(), m.get("/api/v1/releases/" + e.getKey()).get("bundleSha256").asText(),
                        "release " + e.getKey() + " was committed before the kill");
            }
            try (Stream<Path> files = Files.list(data.resolve("bundles"))) {
                for (Path p : files.toList()) {
                    String name = p.getFileName().toString();
                    assertTrue(name.endsWith(".zip") && committedHashes.contains(name.replace(".zip", "")),
                            "no orphan or temp file survives the restart: " + name);
                }
            }
            if (rollout > 0) {
                String last = statuses.get(statuses.size() - 1);
                String now = m.rollout(rollout).get("rollout").get("status").asText();
                String racing = last.equals("PAUSED") ? "RUNNING" : "PAUSED";
                assertTrue(now.equals(last) || now.equals(racing), "status " + now + " after last committed " + last);
                JsonNode audit = m.get("/api/v1/audit?limit=500&target=rollout:" + rollout).get("items");
                String detail = audit.get(audit.size() - 1).get("detail").asText();
                assertTrue(detail.contains("-> " + now + "@"), "audit agrees with the status: " + detail);
                assertEquals(20, m.get("/api/v1/devices").get("total").asInt(), "registered devices survived");
            }
        }
    }

    private static String publicKey(Path data) throws Exception {
        return java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(data.resolve("keys/server-ed25519.pub")));
    }
}
