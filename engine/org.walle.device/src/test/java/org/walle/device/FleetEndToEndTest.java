package org.walle.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.walle.deploy.WalleServer;
import org.walle.deploy.client.MgmtClient;
import org.walle.device.internal.OutputEnvelope;
import org.walle.stream.tunnel.ReceiverStore;
import org.walle.stream.tunnel.StoredMessage;
import org.walle.stream.tunnel.TunnelOptions;
import org.walle.stream.tunnel.TunnelReceiver;
import org.walle.stream.tunnel.TunnelTls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The issue's acceptance: an in-process deployment server, a task with a trigger released with a policy matching
 * part of a 1,000-device fleet, generated behaviour; exactly the matching devices install and fire it, their
 * outputs arrive through the TLS tunnel once each, and a rollback returns them to the previous version.
 */
class FleetEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    static final String TASK = String.join("\n",
            "from walle import events, output, task",
            "m = events.matched()",
            "output.emit('session', m[0]['args']['session'])",
            "output.feature('first_page', m[1]['page_id'])",
            "");

    @Test
    @Timeout(900)
    void policyTargetsExactlyTheMatchingDevicesAndRollbackReturnsThem() throws Exception {
        char[] pw = "e2e-secret".toCharArray();
        SSLContext[] tls = TunnelTls.development(dir.resolve("tls"), pw);
        // 5 % of the fleet is "mid" (region eu): the policy below targets exactly those devices. The slice is small
        // because every fire starts a fresh Python interpreter (the VM never reuses one across runs)
        List<DeviceProfile> b = DeviceProfiles.builtIn();
        ProfileMix mix = new ProfileMix(List.of(new ProfileMix.Entry(b.get(0), 475), new ProfileMix.Entry(b.get(1), 50),
                new ProfileMix.Entry(b.get(2), 475)));
        Set<String> fired = ConcurrentHashMap.newKeySet();
        Set<String> noticed = ConcurrentHashMap.newKeySet();
        Map<String, String> rolledBack = new ConcurrentHashMap<>();
        DeviceListener probe = new DeviceListener() {
            @Override
            public void onNotice(String d, org.walle.deploy.client.Notice n) {
                noticed.add(d);
            }

            @Override
            public void onTaskRun(String d, String t, String v, TaskRunResult r, long ns) {
                if (r.ok()) {
                    fired.add(d);
                }
            }

            @Override
            public void onRolledBack(String d, String t, String from, String to, String why) {
                rolledBack.put(d, from + "->" + to);
            }
        };
        try (WalleServer server = WalleServer.start(0, dir.resolve("server"));
                ReceiverStore store = ReceiverStore.open(dir.resolve("received"));
                TunnelReceiver receiver = new TunnelReceiver(store, tls[0], 0).start();
                PythonTaskExecutor python = new PythonTaskExecutor(dir.resolve("vm"), 2)) {
            MgmtClient mgmt = new MgmtClient(server.url(), server.adminToken().orElseThrow());
            String enroll = mgmt.issueToken("device", "e2e-fleet").get("token").asText();
            TunnelUplink uplink = new TunnelUplink("127.0.0.1", receiver.port(), tls[1], "e2e-fleet", 4,
                    TunnelOptions.defaults());
            Fleet.Options o = new Fleet.Options(1000, mix, server.url(), enroll, dir.resolve("fleet"), "dev", 0, 7, 2,
                    8, 3);
            try (Fleet fleet = new Fleet(o, python, uplink, probe)) {
                fleet.registerAll(16, null);
                fleet.connectAll(200, null);
                phase("registered 1000 devices");
                waitFor(() -> fleet.snapshot().connected() == 1000, "all 1000 push connections");
                phase("1000 push connections open");
                Set<String> matching = new HashSet<>();
                fleet.agents().stream().filter(a -> a.profile().region().equals("eu"))
                        .forEach(a -> matching.add(a.deviceId()));
                assertEquals(50, matching.size());

                Path v1 = TaskFolders.write(dir, "shop", "1.0", "\"session_start\", \"page_enter\"", TASK);
                long rollout1 = release(mgmt, v1, "1.0", "{\"region\": [\"eu\"]}");
                waitFor(() -> fleet.snapshot().coverage("shop", "1.0") == 50, "50 devices on shop@1.0");
                assertTrue(fleet.awaitIdle(60_000));
                assertEquals(matching, noticed, "only the matching devices may hear of the task");

                phase("installed v1 on the matching devices");
                fleet.step(2); // every device: session_start, then page_enter
                phase("fed 2 events to each of 1000 devices");
                assertEquals(0, fleet.stats().runErrors(), fleet.stats().lastProblem());
                assertEquals(matching, fired, "exactly the matching devices fire the task");
                assertEquals(50, fleet.stats().runs());
                assertTrue(uplink.flush(60_000), "tunnel acknowledged everything");
                Map<String, Integer> perDevice = new java.util.HashMap<>();
                Set<String> keys = new HashSet<>();
                int messages = 0;
                for (String sender : store.devices()) {
                    for (StoredMessage m : store.messages(sender, 0, store.count(sender))) {
                        JsonNode e = OutputEnvelope.decode(m.payload());
                        assertTrue(keys.add(e.get("device").asText() + "/" + e.get("run").asLong() + "/"
                                + e.get("index").asInt()), "duplicate output " + e);
                        assertEquals("1.0", e.get("version").asText());
                        perDevice.merge(e.get("device").asText(), 1, Integer::sum);
                        messages++;
                    }
                }
                assertEquals(100, messages, "two outputs per run, nothing lost, nothing twice");
                assertEquals(matching, perDevice.keySet());

                Path v2 = TaskFolders.write(dir, "shop", "2.0", "\"session_start\", \"page_enter\"", TASK);
                long rollout2 = release(mgmt, v2, "2.0", "{\"region\": [\"eu\"]}");
                waitFor(() -> fleet.snapshot().coverage("shop", "2.0") == 50, "50 devices on shop@2.0");
                mgmt.verb(rollout2, "rollback", "e2e: bad build");
                waitFor(() -> fleet.snapshot().coverage("shop", "1.0") == 50, "50 devices back on shop@1.0");
                phase("v2 out and rolled back");
                assertEquals(matching, rolledBack.keySet());
                assertTrue(rolledBack.values().stream().allMatch("2.0->1.0"::equals), rolledBack.toString());
                assertEquals(Map.of("shop@1.0", 50), fleet.snapshot().coverage());
                assertTrue(rollout1 > 0);
            }
            phase("fleet closed");
        }
    }

    private long release(MgmtClient mgmt, Path folder, String version, String rule) throws Exception {
        if (version.equals("1.0")) {
            mgmt.createTask("shop", "Shop sessions");
        }
        mgmt.pushVersion("shop", version, "e2e " + version, folder);
        long release = mgmt.createRelease("shop", version).get("id").asLong();
        long policy = mgmt.createPolicy("eu-" + version, JSON.readTree(rule)).get("id").asLong();
        long rollout = mgmt.createRollout(release, policy, JSON.readTree("[{\"kind\": \"FULL\"}]"), null).get("id")
                .asLong();
        mgmt.verb(rollout, "start", null);
        return rollout;
    }

    private long t0 = System.nanoTime();

    /** Prints how long each phase took (the figures quoted in docs/device.md). */
    private void phase(String what) {
        System.out.printf("[e2e] %6.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
