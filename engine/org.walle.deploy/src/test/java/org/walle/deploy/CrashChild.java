package org.walle.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.walle.deploy.client.MgmtClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Child JVM for {@link CrashSafetyTest}: publishes releases and flips a rollout's state in a loop, printing a line
 * only after each call returned (= committed). The parent kills it with SIGKILL at an arbitrary moment.
 */
public final class CrashChild {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        WalleServer server = WalleServer.start(0, data);
        MgmtClient m = new MgmtClient(server.url(), server.adminToken().orElseThrow());
        ObjectMapper json = new ObjectMapper();
        m.createTask("crash", "crash");
        Path src = Files.createDirectories(data.resolveSibling("src"));
        device(server, m);
        Long rollout = null;
        for (int i = 0;; i++) {
            // a bundle big enough that the kill often lands while it is being written
            Files.write(src.resolve("blob.bin"), new byte[200_000 + i]);
            Files.writeString(src.resolve("main.py"), "v = " + i);
            m.pushVersion("crash", "v" + i, null, src);
            JsonNode rel = m.createRelease("crash", "v" + i);
            System.out.println("RELEASED " + rel.get("id").asLong() + " " + rel.get("bundleSha256").asText());
            if (rollout == null) {
                long pol = m.createPolicy("all", json.readTree("{\"all\":[]}")).get("id").asLong();
                rollout = m.createRollout(rel.get("id").asLong(), pol,
                        json.readTree("[{\"kind\":\"GRAY\",\"percent\":50},{\"kind\":\"FULL\"}]"), null).get("id").asLong();
                m.verb(rollout, "start", null);
                System.out.println("TRANSITION " + rollout + " RUNNING");
            }
            String verb = i % 2 == 0 ? "pause" : "resume";
            JsonNode r = m.verb(rollout, verb, null);
            System.out.println("TRANSITION " + rollout + " " + r.get("status").asText());
        }
    }

    private static void device(WalleServer server, MgmtClient m) {
        String enroll = m.issueToken("device", "crash-fleet").get("token").asText();
        for (int i = 0; i < 20; i++) {
            org.walle.deploy.client.DeviceClient.register(java.net.http.HttpClient.newHttpClient(), server.url(), enroll,
                    "crash-dev-" + i, new org.walle.deploy.model.DeviceAttributes("1", "android", "13", "m", "t", "r", null,
                            false));
        }
    }
}
