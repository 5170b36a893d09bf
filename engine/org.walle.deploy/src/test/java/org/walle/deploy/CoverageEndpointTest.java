package org.walle.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.walle.deploy.client.DeviceClient;
import org.walle.deploy.model.ReportStatus;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/tasks/{taskId}/coverage}: devices per version from assignments and install reports, through a
 * first release, a second one to part of the fleet with one failed install, a rollback and a withdrawal. Hostile
 * input: paging out of range, an unknown task, a device token, no token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoverageEndpointTest {
    private Path tmp;
    private Fixture f;
    private String enroll;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("walle-coverage");
        f = new Fixture(tmp.resolve("server"));
        enroll = f.enrollmentToken();
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @Test
    void countsFollowInstallsFailuresRollbackAndWithdrawal() throws Exception {
        long v1 = f.publish(tmp, "cov", "1.0", Map.of("main.py", "v=1")).get("id").asLong();
        long v2 = f.publish(tmp, "cov", "2.0", Map.of("main.py", "v=2")).get("id").asLong();
        List<DeviceClient> d = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            d.add(DeviceClient.register(f.http, f.url(), enroll, "cov-" + i, Fixture.attrs("1.0", "cov", null, false)));
        }
        DeviceClient.register(f.http, f.url(), enroll, "elsewhere", Fixture.attrs("1.0", "other", null, false));
        assertEquals(0, coverage("").get("total").asInt(), "nothing assigned yet");

        long first = rollout(v1, "{\"region\":[\"cov\"]}");
        assertVersion(coverage(""), "1.0", 6, 0, 0);
        for (DeviceClient c : d) {
            c.report(v1, ReportStatus.DOWNLOADED, null, null);
            c.report(v1, ReportStatus.INSTALLED, 40L, null);
        }
        d.get(3).report(v1, ReportStatus.TASK_OK, 5L, null); // runs are not installs: no change
        JsonNode all = coverage("");
        assertEquals(6, all.get("devices").asInt());
        assertEquals("cov", all.get("taskId").asText());
        assertTrue(all.get("at").asLong() > 0);
        assertVersion(all, "1.0", 6, 6, 0);

        long second = rollout(v2, "{\"deviceIds\":[\"cov-0\",\"cov-1\",\"cov-2\"]}");
        JsonNode assignedOnly = coverage("");
        assertVersion(assignedOnly, "1.0", 3, 6, 0); // told to move, still running 1.0 until they report
        assertVersion(assignedOnly, "2.0", 3, 0, 0);
        d.get(0).report(v2, ReportStatus.INSTALLED, 30L, null);
        d.get(1).report(v2, ReportStatus.INSTALLED, 30L, null);
        d.get(2).report(v2, ReportStatus.INSTALL_FAILED, null, "bad hash");
        JsonNode mixed = coverage("");
        assertVersion(mixed, "1.0", 3, 4, 0); // the failed device keeps 1.0
        assertVersion(mixed, "2.0", 3, 2, 1);
        assertEquals(2, mixed.get("total").asInt());

        f.mgmt.verb(second, "rollback", "test");
        assertVersion(coverage(""), "2.0", 0, 2, 1); // the server said so; the devices have not switched yet
        d.get(0).report(v1, ReportStatus.INSTALLED, 3L, null);
        d.get(1).report(v1, ReportStatus.INSTALLED, 3L, null);
        JsonNode back = coverage("");
        assertVersion(back, "1.0", 6, 6, 0);
        assertVersion(back, "2.0", 0, 0, 1);

        // rolling back the first release withdraws the task from devices it reached (nothing to return to)
        f.mgmt.verb(first, "rollback", "test");
        JsonNode withdrawn = coverage("");
        assertEquals(3, withdrawn.get("devices").asInt(), "cov-0..2 belong to the second rollout now");
        assertVersion(withdrawn, "1.0", 3, 3, 0);

        JsonNode page = coverage("?offset=1&limit=1");
        assertEquals(1, page.get("items").size());
        assertEquals("2.0", page.get("items").get(0).get("version").asText());
        assertEquals(2, page.get("total").asInt());
        assertEquals(1, page.get("offset").asInt());
        assertEquals(1, page.get("limit").asInt());
        assertEquals(0, coverage("?offset=7").get("items").size(), "past the end is an empty page");
    }

    @Test
    void badRequestsAreRefusedWithTheReason() throws Exception {
        f.publish(tmp, "cov-auth", "1.0", Map.of("main.py", "v=1"));
        String viewer = f.mgmt.issueToken("viewer", "val").get("token").asText();
        assertEquals(200, f.call("GET", "/api/v1/tasks/cov-auth/coverage", viewer, null).status());
        expect(403, "role device", f.call("GET", "/api/v1/tasks/cov-auth/coverage", enroll, null));
        assertEquals(401, f.call("GET", "/api/v1/tasks/cov-auth/coverage", null, null).status());
        expect(404, "no-such-task", f.call("GET", "/api/v1/tasks/no-such-task/coverage", f.admin, null));
        expect(400, "limit", f.call("GET", "/api/v1/tasks/cov-auth/coverage?limit=0", f.admin, null));
        expect(400, "limit", f.call("GET", "/api/v1/tasks/cov-auth/coverage?limit=501", f.admin, null));
        expect(400, "offset", f.call("GET", "/api/v1/tasks/cov-auth/coverage?offset=-1", f.admin, null));
        expect(400, "limit", f.call("GET", "/api/v1/tasks/cov-auth/coverage?limit=ten", f.admin, null));
        expect(405, "", f.call("POST", "/api/v1/tasks/cov-auth/coverage", f.admin, "{}"));
    }

    private long rollout(long releaseId, String rule) throws Exception {
        long policy = f.mgmt.createPolicy("p", Fixture.JSON.readTree(rule)).get("id").asLong();
        long id = f.mgmt.createRollout(releaseId, policy, Fixture.JSON.readTree("[{\"kind\":\"FULL\"}]"), null)
                .get("id").asLong();
        f.mgmt.verb(id, "start", null);
        return id;
    }

    private JsonNode coverage(String query) throws Exception {
        Fixture.Reply r = f.call("GET", "/api/v1/tasks/cov/coverage" + query, f.admin, null);
        assertEquals(200, r.status(), () -> String.valueOf(r.json()));
        return r.json();
    }

    private static void assertVersion(JsonNode coverage, String version, int assigned, int installed, int failed) {
        JsonNode found = null;
        for (JsonNode v : coverage.get("items")) {
            if (version.equals(v.get("version").asText())) {
                found = v;
            }
        }
        assertNotNull(found, version + " missing from " + coverage);
        String what = version + " in " + coverage;
        assertEquals(assigned, found.get("assigned").asInt(), "assigned " + what);
        assertEquals(installed, found.get("installed").asInt(), "installed " + what);
        assertEquals(failed, found.get("installFailed").asInt(), "installFailed " + what);
    }

    private static void expect(int status, String part, Fixture.Reply r) {
        assertEquals(status, r.status(), () -> String.valueOf(r.json()));
        String msg = r.json().get("message").asText();
        assertTrue(msg.contains(part), "'" + msg + "' should mention '" + part + "'");
    }
}
