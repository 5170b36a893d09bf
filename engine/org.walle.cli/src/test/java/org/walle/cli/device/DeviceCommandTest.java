package org.walle.cli.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.cli.WalleCommand;
import org.walle.deploy.WalleServer;
import org.walle.deploy.client.MgmtClient;

class DeviceCommandTest {
    @TempDir
    Path dir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return WalleCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void profilesListsTheBuiltInsAndChecksFiles() throws Exception {
        assertEquals(0, run("device", "profiles"));
        for (String tier : List.of("\"low\"", "\"mid\"", "\"high\"")) {
            assertTrue(out.toString().contains("\"tier\" : " + tier), out.toString());
        }
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"model\":\"x\",\"tier\":\"ultra\"}");
        assertNotEquals(0, run("device", "profiles", bad.toString()));
        assertTrue(err.toString().contains("tier must be one of low, mid, high"), err.toString());
    }

    @Test
    void runsALocalTaskAgainstAGeneratedStream() throws Exception {
        Path task = Files.createDirectories(dir.resolve("task"));
        Files.writeString(task.resolve("task.json"), "{\"id\":\"cart\",\"version\":\"1.0\",\"triggers\":"
                + "[{\"name\":\"added\",\"sequence\":[\"add_to_cart\"]}]}");
        Files.writeString(task.resolve("main.py"), "from walle import events, output\n"
                + "e = events.matched()[0]\nprint 'item', e['args']['item']\noutput.emit('item', e['args']['item'])\n");
        assertEquals(0, run("device", "run", "--profile", "low", "--task", task.toString(), "--generate", "4",
                "--seed", "4", "--dir", dir.resolve("dev").toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("fired cart#added on [add_to_cart@item_detail"), text);
        assertTrue(text.contains("  | item i"), text);
        assertTrue(text.contains("  result item = i"), text);
        // seed 4 gives three add_to_cart events in four sessions: three fires, three runs, three outputs
        assertTrue(text.matches("(?s).*\\d+ events, 3 fired, 3 runs, 0 errors, 3 outputs.*"), text);
    }

    /** Hostile input: neither a server nor a task, a server without a token, both event sources at once. */
    @Test
    void refusesIncompleteArguments() {
        assertNotEquals(0, run("device", "run", "--generate", "1"));
        assertTrue(err.toString().contains("give --server URL or --task DIR"), err.toString());
        assertNotEquals(0, run("device", "run", "--server", "http://127.0.0.1:1", "--token", "", "--generate", "1"));
        assertNotEquals(0, run("device", "run", "--task", "x", "--generate", "1", "--events", "y.jsonl"));
        assertNotEquals(0, run("fleet", "--devices", "0", "--server", "http://127.0.0.1:1", "--token", "t"));
        assertTrue(err.toString().contains("devices must be >= 1"), err.toString());
    }

    @Test
    void fleetRegistersPrintsLiveLinesAndWritesCsv() throws Exception {
        try (WalleServer server = WalleServer.start(0, dir.resolve("server"))) {
            MgmtClient mgmt = new MgmtClient(server.url(), server.adminToken().orElseThrow());
            String token = mgmt.issueToken("device", "cli-test").get("token").asText();
            Path csv = dir.resolve("out/fleet.csv");
            assertEquals(0, run("fleet", "--devices", "30", "--server", server.url().toString(), "--token", token,
                    "--duration", "2s", "--rate", "5", "--every", "500", "--csv", csv.toString(), "--dir",
                    dir.resolve("fleet").toString()), err.toString());
            String text = out.toString();
            assertTrue(text.contains("registered 30/30"), text);
            assertTrue(text.contains("connected 30/30"), text);
            assertTrue(text.contains("devices=30 connected=30"), text);
            List<String> rows = Files.readAllLines(csv);
            assertTrue(rows.get(0).startsWith("seconds,devices,registered,connected,events"), rows.get(0));
            assertTrue(rows.size() >= 3, rows.toString());
            String[] lastRow = rows.get(rows.size() - 1).split(",");
            assertEquals("30", lastRow[2]);
            assertTrue(Long.parseLong(lastRow[4]) >= 30 * 5, "about 5 events per device per second: " + rows);
            assertTrue(Files.exists(dir.resolve("out/fleet-coverage.csv")));
        }
    }
}
