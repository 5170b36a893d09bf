package org.walle.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.walle.deploy.client.DeployClientException;
import org.walle.deploy.client.DeviceClient;
import org.walle.deploy.client.Notice;
import org.walle.deploy.model.ReportStatus;

import com.fasterxml.jackson.databind.JsonNode;

/** Rollouts end to end: push and offline catch-up, stage ladder, thresholds, rollback, kill switch, audit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolloutFlowTest {
    private Path tmp;
    private Fixture f;
    private String enroll;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("walle-flow");
        f = new Fixture(tmp.resolve("server"));
        enroll = f.enrollmentToken();
    }

    @AfterAll
    void stop() {
        f.close();
    }

    /** Waits on a condition (never a fixed sleep), failing after a generous bound. */
    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    private DeviceClient device(String id, String region, String group, boolean emulated) {
        return DeviceClient.register(f.http, f.url(), enroll, id, Fixture.attrs("1.0", region, group, emulated));
    }

    private long rollout(JsonNode release, String rule, String stages) throws Exception {
        long pol = f.mgmt.createPolicy("p", Fixture.JSON.readTree(rule)).get("id").asLong();
        return f.mgmt.createRollout(release.get("id").asLong(), pol, Fixture.JSON.readTree(stages), null).get("id").asLong();
    }

    private String status(long rollout) {
        return f.mgmt.rollout(rollout).get("rollout").get("status").asText();
    }

    @Test
    void pushReachesConnectedDevicesAndOfflineOnesCatchUp() throws Exception {
        JsonNode v1 = f.publish(tmp, "push", "1.0", Map.of("main.py", "v=1"));
        DeviceClient online = device("push-on", "push", null, false);
        DeviceClient offline = device("push-off", "push", null, false);
        List<Notice> got = new CopyOnWriteArrayList<>();
        online.connect(got::add).get(30, TimeUnit.SECONDS);
        long ro = rollout(v1, "{\"region\":\"push\"}", "[{\"kind\":\"FULL\"}]");
        f.mgmt.verb(ro, "start", null);
        await("push to the connected device", () -> got.size() == 1);
        assertEquals("1.0", got.get(0).version());
        Path zip = online.pull(got.get(0), tmp.resolve("push-on"));
        assertTrue(Files.size(zip) > 0);

        List<Notice> late = new CopyOnWriteArrayList<>();
        offline.connect(late::add).get(30, TimeUnit.SECONDS);
        await("catch-up on reconnect", () -> late.size() == 1);
        assertEquals(got.get(0), late.get(0));

        // a second release replaces the first; rolling it back returns both devices to 1.0
        JsonNode v2 = f.publish(tmp, "push", "2.0", Map.of("main.py", "v=2"));
        long ro2 = rollout(v2, "{\"region\":\"push\"}", "[{\"kind\":\"FULL\"}]");
        f.mgmt.verb(ro2, "start", null);
        await("v2 pushed", () -> got.size() == 2 && late.size() == 2);
        assertEquals("2.0", got.get(1).version());
        f.mgmt.verb(ro2, "rollback", "bad build");
        await("rollback pushed", () -> got.size() == 3 && late.size() == 3);
        assertEquals("1.0", got.get(2).version(), "devices keep the last good version");
        assertEquals("1.0", offline.poll().get(0).version());
        // the first rollout never had a predecessor: rolling it back withdraws the task
        f.mgmt.verb(ro, "rollback", null);
        online.disconnect();
        assertTrue(offline.poll().isEmpty() || offline.poll().get(0).version().equals("1.0"));
    }

    @Test
    void stagesWidenFromSimulationToFullAndEveryTransitionIsAudited() throws Exception {
        JsonNode rel = f.publish(tmp, "ladder", "1.0", Map.of("main.py", "x"));
        device("lad-emu", "ladder", null, true);
        device("lad-beta", "ladder", "beta", false);
        List<DeviceClient> rest = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rest.add(device("lad-" + i, "ladder", null, false));
        }
        device("other-region", "elsewhere", "beta", true);
        long ro = rollout(rel, "{\"region\":\"ladder\"}", "[{\"kind\":\"SIMULATION\"},{\"kind\":\"BETA\",\"group\":\"beta\"},"
                + "{\"kind\":\"GRAY\",\"percent\":25},{\"kind\":\"FULL\"}]");
        int[] expected = new int[4];
        f.mgmt.verb(ro, "start", null);
        expected[0] = f.mgmt.rollout(ro).get("assignedDevices").asInt();
        assertEquals(1, expected[0], "simulation: only the emulated profile");
        f.mgmt.verb(ro, "advance", null);
        assertEquals(2, f.mgmt.rollout(ro).get("assignedDevices").asInt(), "beta adds the beta group");
        f.mgmt.verb(ro, "advance", null);
        int gray = f.mgmt.rollout(ro).get("assignedDevices").asInt();
        assertTrue(gray > 2 && gray < 42, "gray 25% adds a slice, got " + gray);
        f.mgmt.verb(ro, "pause", null);
        f.mgmt.verb(ro, "resume", null);
        f.mgmt.verb(ro, "advance", null);
        assertEquals(42, f.mgmt.rollout(ro).get("assignedDevices").asInt(), "full: every matching device, no other region");
        f.mgmt.verb(ro, "advance", null);
        assertEquals("COMPLETED", status(ro));
        DeployClientException illegal = org.junit.jupiter.api.Assertions.assertThrows(DeployClientException.class,
                () -> f.mgmt.verb(ro, "resume", null));
        assertEquals(409, illegal.status());
        assertEquals("illegal_transition", illegal.code());
        JsonNode audit = f.mgmt.get("/api/v1/audit?target=rollout:" + ro);
        List<String> details = new ArrayList<>();
        audit.get("items").forEach(e -> details.add(e.get("action").asText() + " " + e.get("detail").asText()));
        assertEquals(8, details.size(), details.toString());
        assertTrue(details.get(1).startsWith("rollout.start CREATED@0 -> RUNNING@0"), details.get(1));
        assertTrue(details.get(7).startsWith("rollout.advance RUNNING@3 -> COMPLETED@3"), details.get(7));
    }

    @Test
    void errorThresholdPausesAndRollbackActionRollsBack() throws Exception {
        JsonNode good = f.publish(tmp, "thr", "1.0", Map.of("main.py", "ok"));
        JsonNode bad = f.publish(tmp, "thr", "2.0", Map.of("main.py", "crash"));
        List<DeviceClient> ds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ds.add(device("thr-" + i, "thr", null, false));
        }
        long base = rollout(good, "{\"region\":\"thr\"}", "[{\"kind\":\"FULL\"}]");
        f.mgmt.verb(base, "start", null);
        String t = "{\"minReports\":3,\"maxErrorRate\":0.3,\"errorAction\":\"%s\"}";
        long ro = rollout(bad, "{\"region\":\"thr\"}", "[{\"kind\":\"FULL\",\"thresholds\":" + String.format(t, "PAUSE") + "}]");
        f.mgmt.verb(ro, "start", null);
        long rid = bad.get("id").asLong();
        ds.get(0).report(rid, ReportStatus.TASK_ERROR, 5L, "boom");
        ds.get(1).report(rid, ReportStatus.INSTALLED, 5L, null);
        Thread.sleep(300);
        assertEquals("RUNNING", status(ro), "2 reports are below minReports");
        ds.get(2).report(rid, ReportStatus.INSTALL_FAILED, 5L, "disk");
        await("auto-pause", () -> status(ro).equals("PAUSED"));
        assertTrue(f.mgmt.rollout(ro).get("rollout").get("statusReason").asText().contains("error rate 0.667 > 0.300"));
        JsonNode audit = f.mgmt.get("/api/v1/audit?target=rollout:" + ro);
        assertEquals("system", audit.get("items").get(audit.get("items").size() - 1).get("actor").asText());

        // same breach with action ROLLBACK: devices go back to 1.0
        JsonNode bad3 = f.publish(tmp, "thr", "3.0", Map.of("main.py", "crash again"));
        long ro3 = rollout(bad3, "{\"region\":\"thr\"}", "[{\"kind\":\"FULL\",\"thresholds\":" + String.format(t, "ROLLBACK") + "}]");
        f.mgmt.verb(ro, "rollback", null);
        f.mgmt.verb(ro3, "start", null);
        for (int i = 0; i < 3; i++) {
            ds.get(i).report(bad3.get("id").asLong(), ReportStatus.TASK_ERROR, 1L, "x");
        }
        await("auto-rollback", () -> status(ro3).equals("ROLLED_BACK"));
        assertEquals("1.0", ds.get(3).poll().get(0).version());
    }

    @Test
    void latencyBreachPausesAndSuccessAutoAdvances() throws Exception {
        JsonNode rel = f.publish(tmp, "lat", "1.0", Map.of("main.py", "slow"));
        List<DeviceClient> ds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ds.add(device("lat-" + i, "lat", "lat-beta", false));
        }
        long ro = rollout(rel, "{\"region\":\"lat\"}", "[{\"kind\":\"BETA\",\"group\":\"lat-beta\",\"thresholds\":"
                + "{\"minReports\":3,\"successRate\":1.0,\"autoAdvance\":true}},{\"kind\":\"FULL\",\"thresholds\":"
                + "{\"minReports\":2,\"maxLatencyMs\":500}}]");
        f.mgmt.verb(ro, "start", null);
        long rid = rel.get("id").asLong();
        for (DeviceClient d : ds) {
            d.report(rid, ReportStatus.INSTALLED, 900L, null);
        }
        await("auto-advance to FULL", () -> f.mgmt.rollout(ro).get("rollout").get("stageIndex").asInt() == 1);
        // reports are judged per stage: the beta reports do not count for FULL, new ones must arrive
        assertEquals("RUNNING", status(ro));
        DeviceClient late = device("lat-new", "lat", null, false);
        DeviceClient late2 = device("lat-new2", "lat", null, false);
        late.report(rid, ReportStatus.TASK_OK, 1200L, null);
        late2.report(rid, ReportStatus.TASK_OK, 1100L, null);
        await("latency pause", () -> status(ro).equals("PAUSED"));
        assertTrue(f.mgmt.rollout(ro).get("rollout").get("statusReason").asText().contains("p95 latency"));
    }

    @Test
    void killSwitchPausesEverythingAndBlocksForwardVerbs() throws Exception {
        JsonNode rel = f.publish(tmp, "kill", "1.0", Map.of("main.py", "x"));
        device("kill-1", "kill", null, false);
        long a = rollout(rel, "{\"region\":\"kill\"}", "[{\"kind\":\"FULL\"}]");
        long b = rollout(rel, "{\"region\":\"kill\"}", "[{\"kind\":\"FULL\"}]");
        f.mgmt.verb(a, "start", null);
        JsonNode r = f.mgmt.killSwitch(true);
        assertTrue(r.get("paused").asInt() >= 1);
        assertEquals("PAUSED", status(a));
        for (String verb : new String[] {"resume", "advance"}) {
            DeployClientException e = org.junit.jupiter.api.Assertions.assertThrows(DeployClientException.class,
                    () -> f.mgmt.verb(a, verb, null));
            assertTrue(e.getMessage().contains("kill switch"), e.getMessage());
        }
        DeployClientException e = org.junit.jupiter.api.Assertions.assertThrows(DeployClientException.class,
                () -> f.mgmt.verb(b, "start", null));
        assertEquals(409, e.status());
        f.mgmt.verb(a, "rollback", "rollback stays possible");
        f.mgmt.killSwitch(false);
        f.mgmt.verb(b, "start", null);
        assertEquals("RUNNING", status(b));
    }
}
