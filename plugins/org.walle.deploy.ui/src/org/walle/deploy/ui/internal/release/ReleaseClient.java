package org.walle.deploy.ui.internal.release;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.walle.deploy.client.MgmtClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the release manager's UI asks of a server, over {@link MgmtClient}: tasks and versions to choose from, the
 * policy preview, creating and starting a rollout, its live state, lifecycle verbs and the kill switch. Blocking:
 * call from a job.
 */
public final class ReleaseClient {
    /** A rollout as the dashboard lists it. */
    public record RolloutRef(long id, long releaseId, String taskId, String version, String status) {
        public String label() {
            return "#" + id + "  " + taskId + " " + version + "  (" + status + ")";
        }
    }

    /** The outcome of Finish in the New Release wizard. */
    public record Started(long releaseId, long policyId, long rolloutId, String status) {
    }

    public static final int START_STEPS = 4;
    private final MgmtClient client;
    private final URI server;

    public ReleaseClient(URI server, String token) {
        this.server = server;
        this.client = new MgmtClient(server, token);
    }

    public URI server() {
        return server;
    }

    /** Task ids on the server (first 500). */
    public List<String> tasks() {
        List<String> out = new ArrayList<>();
        client.get("/api/v1/tasks?limit=500").path("items").forEach(t -> out.add(t.path("id").asText()));
        return out;
    }

    /** The task's versions, newest first. */
    public List<String> versions(String taskId) {
        List<String> out = new ArrayList<>();
        client.get("/api/v1/tasks/" + enc(taskId) + "/versions?limit=500").path("items")
                .forEach(v -> out.add(0, v.path("version").asText()));
        return out;
    }

    /** How many registered devices the rule matches now. */
    public int preview(JsonNode rule) {
        return previewDetail(rule).path("matching").asInt();
    }

    /** The preview answer: {@code matching} and {@code total} registered devices. */
    public JsonNode previewDetail(JsonNode rule) {
        return client.preview(rule);
    }

    /** Finds or builds the release of the version, stores the policy, creates the rollout and starts it. */
    public Started createAndStart(String taskId, String version, JsonNode rule, JsonNode stages,
            Consumer<String> step) {
        step.accept("Building and signing the bundle of " + taskId + " " + version);
        long releaseId = existingRelease(taskId, version);
        if (releaseId < 0) {
            releaseId = client.createRelease(taskId, version).path("id").asLong();
        }
        step.accept("Storing the targeting policy");
        long policyId = client.createPolicy(taskId + "@" + version, rule).path("id").asLong();
        step.accept("Creating the rollout");
        long rolloutId = client.createRollout(releaseId, policyId, stages, null).path("id").asLong();
        step.accept("Starting rollout " + rolloutId);
        JsonNode started = client.verb(rolloutId, "start", "started from the studio");
        return new Started(releaseId, policyId, rolloutId, started.path("status").asText());
    }

    private long existingRelease(String taskId, String version) {
        for (JsonNode r : client.get("/api/v1/releases?limit=500&taskId=" + enc(taskId)).path("items")) {
            if (version.equals(r.path("version").asText())) {
                return r.path("id").asLong();
            }
        }
        return -1;
    }

    /** Every rollout on the server (first 500), newest first, with its release's task and version. */
    public List<RolloutRef> rollouts() {
        List<RolloutRef> out = new ArrayList<>();
        for (JsonNode r : client.get("/api/v1/rollouts?limit=500").path("items")) {
            JsonNode rel = client.get("/api/v1/releases/" + r.path("releaseId").asLong());
            out.add(0, new RolloutRef(r.path("id").asLong(), r.path("releaseId").asLong(),
                    rel.path("taskId").asText(), rel.path("version").asText(), r.path("status").asText()));
        }
        return out;
    }

    /** One poll of the rollout: status, stage, assigned devices and the current stage's report statistics. */
    public RolloutSample sample(long rolloutId, long atMillis) {
        JsonNode d = client.rollout(rolloutId);
        JsonNode r = d.path("rollout");
        JsonNode st = d.path("currentStageStats");
        int stage = r.path("stageIndex").asInt();
        JsonNode stageNode = r.path("stages").path(stage);
        String stageName = "FULL".equals(stageNode.path("kind").asText()) ? "full"
                : stageNode.path("kind").asText().toLowerCase(java.util.Locale.ROOT)
                        + ("GRAY".equals(stageNode.path("kind").asText())
                                ? " " + StagePlan.fmt(stageNode.path("percent").asDouble()) + "%" : "");
        return new RolloutSample(atMillis, r.path("status").asText(), stage, r.path("stages").size(), stageName,
                r.path("statusReason").asText(""), d.path("assignedDevices").asInt(), st.path("successes").asInt(),
                st.path("errors").asInt(), st.path("p95LatencyMs").asLong());
    }

    /**
     * Devices per version of the task as the server counts them from its assignments and the devices' install
     * reports (every release that reached a device, up to 500).
     */
    public CoverageSample coverage(String taskId) {
        JsonNode c = client.get("/api/v1/tasks/" + enc(taskId) + "/coverage?limit=500");
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        c.path("items").forEach(v -> seen.merge(v.path("version").asText(), 1, Integer::sum));
        List<CoverageSample.Version> versions = new ArrayList<>();
        for (JsonNode v : c.path("items")) {
            String version = v.path("version").asText();
            long releaseId = v.path("releaseId").asLong();
            String label = seen.get(version) > 1 ? version + " (release " + releaseId + ")" : version;
            versions.add(new CoverageSample.Version(releaseId, label, v.path("assigned").asLong(),
                    v.path("installed").asLong(), v.path("installFailed").asLong()));
        }
        return new CoverageSample(c.path("at").asLong(), c.path("devices").asLong(), List.copyOf(versions));
    }

    /** pause, resume, advance or rollback; returns the new status. */
    public String verb(long rolloutId, String verb, String reason) {
        return client.verb(rolloutId, verb, reason).path("status").asText();
    }

    public boolean killSwitch() {
        return client.get("/api/v1/killswitch").path("on").asBoolean();
    }

    /** Turns the kill switch on or off; returns how many running rollouts it paused. */
    public int killSwitch(boolean on) {
        return client.killSwitch(on).path("paused").asInt();
    }

    /** An enrollment token for an emulated fleet (needs an admin token). */
    public String enrollmentToken(String subject) {
        return client.issueToken("device", subject).path("token").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
