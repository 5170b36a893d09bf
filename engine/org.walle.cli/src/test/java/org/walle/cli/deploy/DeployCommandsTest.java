package org.walle.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.cli.WalleCommand;
import org.walle.deploy.WalleServer;

/** The deployment commands against a real in-process server. */
class DeployCommandsTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WalleCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void pushCreateAndDriveARollout() throws Exception {
        try (WalleServer server = WalleServer.start(0, tmp.resolve("data"))) {
            String url = server.url().toString();
            String token = server.adminToken().orElseThrow();
            Path task = Files.createDirectories(tmp.resolve("kws"));
            Files.writeString(task.resolve("main.py"), "print('keyword spotter')");

            assertEquals(0, run("task", "push", task.toString(), "--server", url, "--token", token, "--version", "1.0"),
                    err.toString());
            assertTrue(out.toString().contains("creating task kws"), out.toString());
            assertTrue(out.toString().contains("pushed kws@1.0 commit "), out.toString());

            assertEquals(0, run("release", "create", "--task", "kws", "--version", "1.0", "--server", url, "--token",
                    token, "--policy", "{\"region\":[\"eu\"]}"), err.toString());
            Matcher m = Pattern.compile("rollout (\\d+) CREATED with 7 stages").matcher(out.toString());
            assertTrue(m.find(), out.toString());
            String id = m.group(1);
            assertTrue(out.toString().contains("policy matches 0 registered devices"), out.toString());

            String[] common = {"--server", url, "--token", token};
            assertEquals(0, run(concat(new String[] {"release", "start", id}, common)), err.toString());
            assertTrue(out.toString().contains("rollout " + id + ": RUNNING at stage 0"), out.toString());
            assertEquals(0, run(concat(new String[] {"release", "advance", id}, common)), err.toString());
            assertEquals(0, run(concat(new String[] {"release", "pause", id, "--reason", "looking into it"}, common)));
            assertTrue(out.toString().contains("PAUSED at stage 1 (looking into it)"), out.toString());
            assertEquals(0, run(concat(new String[] {"release", "resume", id}, common)));
            assertEquals(0, run(concat(new String[] {"release", "status", id}, common)));
            assertTrue(out.toString().contains("RUNNING stage 1/7 BETA"), out.toString());
            assertEquals(0, run(concat(new String[] {"release", "coverage", "--task", "kws"}, common)),
                    err.toString());
            assertTrue(out.toString().contains("kws: 0 devices hold the task"), out.toString());
            assertEquals(1, run(concat(new String[] {"release", "coverage", "--task", "nope"}, common)));
            assertTrue(err.toString().contains("404"), err.toString());
            assertEquals(0, run(concat(new String[] {"release", "rollback", id}, common)));
            assertTrue(out.toString().contains("ROLLED_BACK"), out.toString());

            // an illegal verb and a bad token fail with the server's message
            assertEquals(1, run(concat(new String[] {"release", "resume", id}, common)));
            assertTrue(err.toString().contains("cannot resume a rollout in status ROLLED_BACK"), err.toString());
            assertEquals(1, run("release", "start", id, "--server", url, "--token", "wt_wrong"));
            assertTrue(err.toString().contains("401"), err.toString());
            assertEquals(1, run("task", "push", tmp.resolve("missing").toString(), "--server", url, "--token", token,
                    "--version", "1"));
            assertTrue(err.toString().contains("not a directory"), err.toString());
            assertEquals(1, run("release", "create", "--task", "kws", "--version", "1.0", "--server", url, "--token",
                    token, "--policy", "{broken"));
            assertTrue(err.toString().contains("--policy is not valid JSON"), err.toString());
        }
    }

    @Test
    void serveStartsOnAFreePortAndStops() {
        assertEquals(0, run("serve", "--port", "0", "--data", tmp.resolve("srv").toString(), "--for-seconds", "1"),
                err.toString());
        assertTrue(out.toString().contains("listening on http://127.0.0.1:"), out.toString());
        assertTrue(Files.exists(tmp.resolve("srv/admin.token")));
        assertTrue(out.toString().contains("stopped after 1 s"), out.toString());
    }

    @Test
    void helpListsTheDeployCommands() {
        assertEquals(0, run("--help"));
        for (String c : new String[] {"serve", "task", "release"}) {
            assertTrue(out.toString().contains(c), out.toString());
        }
        assertEquals(0, run("release", "--help"));
        for (String c : new String[] {"create", "start", "pause", "resume", "advance", "rollback", "status",
            "coverage"}) {
            assertTrue(out.toString().contains(c), c);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
