package org.walle.device.bench;

import java.nio.file.Path;

import org.walle.deploy.WalleServer;
import org.walle.deploy.client.MgmtClient;

/**
 * Starts a deployment server in its own JVM for {@link FleetMemoryBenchmark} (so the fleet's heap holds devices
 * only) and prints {@code URL <url> TOKEN <enrollment token> ADMIN <admin token>}; stops when stdin closes.
 */
public final class ServerMain {
    public static void main(String[] args) throws Exception {
        try (WalleServer server = WalleServer.start(0, Path.of(args[0]))) {
            String admin = server.adminToken().orElseThrow();
            String enroll = new MgmtClient(server.url(), admin).issueToken("device", "bench").get("token").asText();
            System.out.println("URL " + server.url() + " TOKEN " + enroll + " ADMIN " + admin);
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close stdin
            }
        }
    }
}
