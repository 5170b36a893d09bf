package org.walle.cli.deploy;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.walle.deploy.client.MgmtClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code walle release ...}: create a release with its rollout, then drive the rollout's lifecycle. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Releases and staged rollouts on a deployment server.",
        subcommands = {ReleaseCommand.Create.class, ReleaseCommand.Verb.Start.class, ReleaseCommand.Verb.Pause.class,
            ReleaseCommand.Verb.Resume.class, ReleaseCommand.Verb.Advance.class, ReleaseCommand.Verb.Rollback.class,
            ReleaseCommand.Status.class, ReleaseCommand.Coverage.class})
public final class ReleaseCommand implements Runnable {
    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code walle release create}: bundle + policy + rollout (CREATED; start it with {@code release start}). */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Build the signed bundle of a task version, store the policy and create a rollout.")
    public static final class Create implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Option(names = "--task", required = true, description = "Task id.")
        String task;

        @Option(names = "--version", required = true, description = "Task version (tag).")
        String version;

        @Option(names = "--policy", defaultValue = "{\"all\":[]}",
                description = "Policy rule as JSON, or @file (default: every device).")
        String policy;

        @Option(names = "--stages", description = "Stages as a JSON array, or @file (default: the standard ladder).")
        String stages;

        @Option(names = "--beta-group", defaultValue = "beta", description = "Beta group of the standard ladder.")
        String betaGroup;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            MgmtClient m = server.client();
            out.println("building bundle of " + task + "@" + version + " ...");
            out.flush();
            JsonNode rel = m.createRelease(task, version);
            out.println("release " + rel.get("id").asLong() + " sha256 " + rel.get("bundleSha256").asText());
            JsonNode rule = json("--policy", policy);
            out.println("policy matches " + m.preview(rule).get("matching").asInt() + " registered devices");
            long pol = m.createPolicy(task + "@" + version, rule).get("id").asLong();
            JsonNode ro = m.createRollout(rel.get("id").asLong(), pol, stages == null ? null : json("--stages", stages),
                    betaGroup);
            out.println("rollout " + ro.get("id").asLong() + " " + ro.get("status").asText() + " with "
                    + ro.get("stages").size() + " stages; start it with: walle release start " + ro.get("id").asLong());
            return 0;
        }
    }

    /** The lifecycle verbs; each prints the rollout's new status. */
    public abstract static class Verb implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Parameters(index = "0", description = "Rollout id.")
        long rollout;

        @Option(names = "--reason", description = "Reason recorded in the audit log.")
        String reason;

        /** The verb sent to the server is the subcommand's own name. */
        @Override
        public Integer call() {
            JsonNode r = server.client().verb(rollout, spec.name(), reason);
            spec.commandLine().getOut().println("rollout " + rollout + ": " + r.get("status").asText() + " at stage "
                    + r.get("stageIndex").asInt() + " (" + r.get("statusReason").asText() + ")");
            return 0;
        }

        @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a created rollout (stage 0).")
        public static final class Start extends Verb {
        }

        @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a running rollout.")
        public static final class Pause extends Verb {
        }

        @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused rollout.")
        public static final class Resume extends Verb {
        }

        @Command(name = "advance", mixinStandardHelpOptions = true, description = "Move to the next stage.")
        public static final class Advance extends Verb {
        }

        @Command(name = "rollback", mixinStandardHelpOptions = true,
                description = "Roll back: devices return to the release they ran before.")
        public static final class Rollback extends Verb {
        }
    }

    /** {@code walle release status <rollout>}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a rollout and its current stage.")
    public static final class Status implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Parameters(index = "0", description = "Rollout id.")
        long rollout;

        @Override
        public Integer call() {
            JsonNode d = server.client().rollout(rollout);
            JsonNode r = d.get("rollout");
            JsonNode st = d.get("currentStageStats");
            spec.commandLine().getOut().println("rollout " + rollout + ": " + r.get("status").asText() + " stage "
                    + r.get("stageIndex").asInt() + "/" + r.get("stages").size() + " "
                    + r.get("stages").get(r.get("stageIndex").asInt()).get("kind").asText() + ", "
                    + d.get("assignedDevices").asInt() + " devices assigned, stage reports: " + st.get("successes")
                    + " ok / " + st.get("errors") + " errors, p95 " + st.get("p95LatencyMs") + " ms");
            return 0;
        }
    }

    /** {@code walle release coverage --task T}: devices per version of a task, from the server's records. */
    @Command(name = "coverage", mixinStandardHelpOptions = true,
            description = "Devices per version of a task: assigned, installed, install failed.")
    public static final class Coverage implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Option(names = "--task", required = true, description = "Task id.")
        String task;

        @Override
        public Integer call() {
            JsonNode c = server.client().get("/api/v1/tasks/" + java.net.URLEncoder.encode(task,
                    java.nio.charset.StandardCharsets.UTF_8) + "/coverage?limit=500");
            PrintWriter out = spec.commandLine().getOut();
            out.println(task + ": " + c.get("devices").asLong() + " devices hold the task, " + c.get("total").asInt()
                    + " versions reached devices");
            out.printf("%-16s %10s %10s %14s%n", "version", "assigned", "installed", "install failed");
            for (JsonNode v : c.get("items")) {
                out.printf("%-16s %10d %10d %14d%n", v.get("version").asText(), v.get("assigned").asLong(),
                        v.get("installed").asLong(), v.get("installFailed").asLong());
            }
            return 0;
        }
    }

    static JsonNode json(String option, String value) throws java.io.IOException {
        String text = value.startsWith("@") ? Files.readString(Path.of(value.substring(1))) : value;
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(option + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
