package org.walle.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.walle.deploy.client.BundleVerificationException;
import org.walle.deploy.client.DeployClientException;
import org.walle.deploy.client.DeviceClient;
import org.walle.deploy.client.Notice;
import org.walle.deploy.model.ReportStatus;

import com.fasterxml.jackson.databind.JsonNode;

/** REST validation, authorization per role, device isolation, ETag/Range downloads and the OpenAPI document. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerApiTest {
    private Path tmp;
    private Fixture f;
    private String viewer;
    private String manager;
    private String enroll;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("walle-api");
        f = new Fixture(tmp.resolve("server"));
        viewer = f.mgmt.issueToken("viewer", "vic").get("token").asText();
        manager = f.mgmt.issueToken("release-manager", "rita").get("token").asText();
        enroll = f.enrollmentToken();
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private void expect(int status, String errorPart, Fixture.Reply r) {
        assertEquals(status, r.status(), () -> String.valueOf(r.json()));
        assertNotNull(r.json(), "errors are JSON");
        assertEquals(status, r.json().get("status").asInt());
        String msg = r.json().get("message").asText();
        assertTrue(msg.contains(errorPart), "'" + msg + "' should mention '" + errorPart + "'");
    }

    @Test
    void eachRoleGetsExactlyItsRights() throws Exception {
        expect(401, "missing Authorization", f.call("GET", "/api/v1/tasks", null, null));
        expect(401, "unknown or revoked", f.call("GET", "/api/v1/tasks", "wt_forged", null));
        assertEquals(200, f.call("GET", "/api/v1/tasks", viewer, null).status());
        expect(403, "role viewer", f.call("POST", "/api/v1/tasks", viewer, "{\"id\":\"v-task\"}"));
        assertEquals(201, f.call("POST", "/api/v1/tasks", manager, "{\"id\":\"rm-task\",\"name\":\"RM\"}").status());
        expect(403, "role release-manager", f.call("POST", "/api/v1/tokens", manager, "{\"role\":\"admin\",\"subject\":\"x\"}"));
        expect(403, "role release-manager", f.call("POST", "/api/v1/killswitch", manager, "{\"on\":true}"));
        expect(403, "role device", f.call("GET", "/api/v1/tasks", enroll, null));
        expect(403, "role viewer", f.call("POST", "/device/v1/register", viewer, "{}"));
        expect(403, "device token", f.call("GET", "/device/v1/assignments", enroll, null));
        assertEquals(201, f.call("POST", "/api/v1/tokens", f.admin, "{\"role\":\"viewer\",\"subject\":\"v2\"}").status());
        JsonNode audit = f.call("GET", "/api/v1/audit?target=task:rm-task", viewer, null).json();
        assertEquals("rita", audit.get("items").get(0).get("actor").asText(), "audit names the actor");
    }

    /** Each hostile or sloppy request gets a 4xx JSON error naming what is wrong. */
    @Test
    void invalidInputGetsClearErrors() throws Exception {
        expect(400, "id must match", f.call("POST", "/api/v1/tasks", f.admin, "{\"id\":\"Bad/Id\"}"));
        expect(400, "id must match", f.call("POST", "/api/v1/tasks", f.admin, "{\"id\":\"" + "a".repeat(65) + "\"}"));
        expect(400, "unknown field 'colour'", f.call("POST", "/api/v1/tasks", f.admin, "{\"id\":\"ok\",\"colour\":1}"));
        expect(400, "malformed JSON", f.call("POST", "/api/v1/tasks", f.admin, "{\"id\":"));
        expect(400, "JSON object", f.call("POST", "/api/v1/tasks", f.admin, "[1,2]"));
        expect(400, "empty", f.call("POST", "/api/v1/tasks", f.admin, ""));
        expect(400, "limit", f.call("GET", "/api/v1/tasks?limit=0", f.admin, null));
        expect(400, "limit", f.call("GET", "/api/v1/tasks?limit=abc", f.admin, null));
        expect(400, "offset", f.call("GET", "/api/v1/devices?offset=-1", f.admin, null));
        expect(400, "rolloutId", f.call("GET", "/api/v1/reports?rolloutId=x", f.admin, null));
        expect(404, "no endpoint", f.call("GET", "/api/v1/nothing", f.admin, null));
        expect(405, "not allowed", f.call("DELETE", "/api/v1/tasks", f.admin, null));
        expect(404, "task 'missing'", f.call("GET", "/api/v1/tasks/missing", f.admin, null));
        expect(400, "must be an integer", f.call("GET", "/api/v1/rollouts/abc", f.admin, null));
        expect(404, "rollout 999", f.call("POST", "/api/v1/rollouts/999/start", f.admin, null));
        expect(400, "unknown rollout verb 'explode'", f.call("POST", "/api/v1/rollouts/1/explode", f.admin, null));
        expect(404, "version '9.9'", f.call("POST", "/api/v1/releases", f.admin, "{\"taskId\":\"rm-x\",\"version\":\"9.9\"}"));
        expect(400, "version must match", f.call("POST", "/api/v1/releases", f.admin, "{\"taskId\":\"t\",\"version\":\"../x\"}"));
        expect(400, "policy rule $.all[0].percent", f.call("POST", "/api/v1/policies", f.admin,
                "{\"name\":\"p\",\"rule\":{\"all\":[{\"percent\":0}]}}"));
        expect(400, "rule is required", f.call("POST", "/api/v1/policies", f.admin, "{\"name\":\"p\"}"));
        expect(400, "give either stages or betaGroup", f.call("POST", "/api/v1/rollouts", f.admin,
                "{\"releaseId\":1,\"policyId\":1}"));
        expect(400, "GRAY stage needs", f.call("POST", "/api/v1/rollouts", f.admin,
                "{\"releaseId\":1,\"policyId\":1,\"stages\":[{\"kind\":\"GRAY\"}]}"));
        expect(400, "role", f.call("POST", "/api/v1/tokens", f.admin, "{\"role\":\"god\",\"subject\":\"x\"}"));
        expect(400, "deviceId must match", f.call("POST", "/device/v1/register", enroll,
                "{\"deviceId\":\"bad id\",\"attributes\":{}}"));
        expect(400, "attributes are required", f.call("POST", "/device/v1/register", enroll, "{\"deviceId\":\"ok-1\"}"));
        f.mgmt.createTask("dup", "d");
        expect(409, "already exists", f.call("POST", "/api/v1/tasks", f.admin, "{\"id\":\"dup\"}"));
        expect(400, "version must match", f.call("POST", "/api/v1/tasks/dup/versions", f.admin, "x"));
        expect(400, "no files", f.call("POST", "/api/v1/tasks/dup/versions?version=1", f.admin, "not a zip"));
        expect(400, "on (true/false) is required", f.call("POST", "/api/v1/killswitch", f.admin, "{}"));
    }

    @Test
    void aDeviceSeesOnlyItsOwnAssignments() throws Exception {
        JsonNode rel = f.publish(tmp, "iso", "1.0", Map.of("main.py", "print(1)"));
        DeviceClient a = DeviceClient.register(f.http, f.url(), enroll, "iso-a", Fixture.attrs("1", "iso", null, false));
        DeviceClient b = DeviceClient.register(f.http, f.url(), enroll, "iso-b", Fixture.attrs("1", "iso", null, false));
        long pol = f.mgmt.createPolicy("only a", Fixture.JSON.readTree("{\"deviceIds\":[\"iso-a\"]}")).get("id").asLong();
        long ro = f.mgmt.createRollout(rel.get("id").asLong(), pol, Fixture.JSON.readTree("[{\"kind\":\"FULL\"}]"), null)
                .get("id").asLong();
        f.mgmt.verb(ro, "start", null);
        List<Notice> na = a.poll();
        assertEquals(1, na.size());
        assertEquals(0, b.poll().size(), "b is not targeted");
        expect(404, "bundle", f.call("GET", na.get(0).url(), b.token(), null));
        DeployClientException e = assertThrows(DeployClientException.class,
                () -> b.report(na.get(0).releaseId(), ReportStatus.INSTALLED, 1L, null));
        assertEquals(403, e.status());
        expect(403, "role device", f.call("GET", "/api/v1/devices", a.token(), null));
        expect(403, "enrollment token", f.call("POST", "/device/v1/register", a.token(),
                "{\"deviceId\":\"iso-c\",\"attributes\":{}}"));
        assertEquals(200, f.call("GET", na.get(0).url(), a.token(), null).status());
        // re-registering revokes the old device token
        String oldToken = a.token();
        DeviceClient.register(f.http, f.url(), enroll, "iso-a", Fixture.attrs("1", "iso", null, false));
        expect(401, "unknown or revoked", f.call("GET", "/device/v1/assignments", oldToken, null));
    }

    @Test
    void bundlesSupportEtagRangeAndResume() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            big.append("line ").append(i).append('\n');
        }
        JsonNode rel = f.publish(tmp, "dl", "1.0", Map.of("data.txt", big.toString(), "main.py", "x"));
        DeviceClient d = DeviceClient.register(f.http, f.url(), enroll, "dl-1", Fixture.attrs("1", "dl", null, false));
        long pol = f.mgmt.createPolicy("dl", Fixture.JSON.readTree("{\"region\":\"dl\"}")).get("id").asLong();
        long ro = f.mgmt.createRollout(rel.get("id").asLong(), pol, Fixture.JSON.readTree("[{\"kind\":\"FULL\"}]"), null)
                .get("id").asLong();
        f.mgmt.verb(ro, "start", null);
        Notice n = d.poll().get(0);
        String etag = "\"" + n.sha256() + "\"";

        HttpResponse<byte[]> full = get(n.url(), d.token(), Map.of());
        assertEquals(200, full.statusCode());
        assertEquals(etag, full.headers().firstValue("ETag").orElseThrow());
        byte[] bytes = full.body();
        assertEquals(n.size(), bytes.length);

        HttpResponse<byte[]> notModified = get(n.url(), d.token(), Map.of("If-None-Match", etag));
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);

        HttpResponse<byte[]> part = get(n.url(), d.token(), Map.of("Range", "bytes=10-19"));
        assertEquals(206, part.statusCode());
        assertEquals("bytes 10-19/" + bytes.length, part.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(bytes, 10, 20), part.body());
        HttpResponse<byte[]> suffix = get(n.url(), d.token(), Map.of("Range", "bytes=-5"));
        assertArrayEquals(Arrays.copyOfRange(bytes, bytes.length - 5, bytes.length), suffix.body());
        assertEquals(416, get(n.url(), d.token(), Map.of("Range", "bytes=999999-")).statusCode());
        // a stale If-Range validator gets the whole file, not a mismatched slice
        assertEquals(200, get(n.url(), d.token(), Map.of("Range", "bytes=10-19", "If-Range", "\"other\"")).statusCode());

        Path dir = Files.createDirectories(tmp.resolve("dl-device"));
        Files.write(dir.resolve(n.sha256() + ".zip.part"), Arrays.copyOf(bytes, 100));
        Path zip = d.pull(n, dir);
        assertArrayEquals(bytes, Files.readAllBytes(zip), "resumed download is complete");
        assertEquals(zip, d.pull(n, dir), "second pull revalidates with 304");

        // a corrupted partial download is caught by verification and deleted
        Files.delete(zip);
        byte[] evil = Arrays.copyOf(bytes, 100);
        evil[50] ^= 1;
        Files.write(dir.resolve(n.sha256() + ".zip.part"), evil);
        assertThrows(BundleVerificationException.class, () -> d.pull(n, dir));
        assertTrue(!Files.exists(zip));
        expect(400, "SHA-256", f.call("GET", "/device/v1/bundles/XYZ", d.token(), null));
    }

    private HttpResponse<byte[]> get(String path, String token, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(f.url().resolve(path)).header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        return f.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static final String[] ENDPOINTS = {
        "GET /api/v1/tasks", "POST /api/v1/tasks", "GET /api/v1/tasks/{taskId}", "GET /api/v1/tasks/{taskId}/versions",
        "GET /api/v1/tasks/{taskId}/coverage", "POST /api/v1/tasks/{taskId}/versions", "GET /api/v1/releases",
        "POST /api/v1/releases",
        "GET /api/v1/releases/{releaseId}", "GET /api/v1/policies", "POST /api/v1/policies",
        "GET /api/v1/policies/{policyId}", "POST /api/v1/policies/preview", "GET /api/v1/rollouts",
        "POST /api/v1/rollouts", "GET /api/v1/rollouts/{rolloutId}", "POST /api/v1/rollouts/{rolloutId}/{verb}",
        "GET /api/v1/killswitch", "POST /api/v1/killswitch", "GET /api/v1/devices", "GET /api/v1/devices/{deviceId}",
        "GET /api/v1/reports", "GET /api/v1/audit", "POST /api/v1/tokens", "POST /device/v1/register",
        "GET /device/v1/assignments", "POST /device/v1/reports", "GET /device/v1/server-key",
        "GET /device/v1/bundles/{sha256}", "GET /api/v1/openapi.json"};

    @Test
    void openApiDescribesExactlyTheRoutesTheServerAnswers() throws Exception {
        Fixture.Reply r = f.call("GET", "/api/v1/openapi.json", null, null);
        assertEquals(200, r.status());
        JsonNode paths = r.json().get("paths");
        JsonNode schemas = r.json().get("components").get("schemas");
        int documented = 0;
        for (var it = paths.fields(); it.hasNext();) {
            documented += it.next().getValue().size();
        }
        assertEquals(ENDPOINTS.length, documented, "no undocumented and no phantom operations");
        for (String e : ENDPOINTS) {
            String method = e.substring(0, e.indexOf(' '));
            String path = e.substring(e.indexOf(' ') + 1);
            JsonNode op = paths.path(path).path(method.toLowerCase());
            assertTrue(op.isObject(), "documented: " + e);
            assertTrue(op.get("summary").asText().length() > 5, e);
            for (String ref : op.findValuesAsText("$ref")) {
                assertTrue(schemas.has(ref.substring(ref.lastIndexOf('/') + 1)), e + " references missing " + ref);
            }
            // and the server really routes it (any answer but "no endpoint")
            String concrete = path.replace("{verb}", "pause").replaceAll("\\{[^}]+}", "1");
            Fixture.Reply live = f.call(method, concrete, f.admin, method.equals("POST") ? "{}" : null);
            assertTrue(live.status() != 404 || !live.json().get("message").asText().startsWith("no endpoint"), e);
        }
        assertNull(paths.get("/device/v1/connect"), "the WebSocket is described in info, not as a REST path");
        assertTrue(r.json().get("info").get("description").asText().contains("/device/v1/connect"));
    }
}
