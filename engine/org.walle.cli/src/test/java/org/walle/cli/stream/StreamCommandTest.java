package org.walle.cli.stream;

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
import org.walle.stream.event.EcommerceGenerator;
import org.walle.stream.event.Event;
import org.walle.stream.event.EventJsonLines;

class StreamCommandTest {
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
    void genWritesTheSeededStream() throws Exception {
        Path file = dir.resolve("events.jsonl");
        assertEquals(0, run("stream", "gen", "--sessions", "5", "--seed", "9", "--out", file.toString()));
        List<Event> events = EventJsonLines.read(file);
        assertEquals(new EcommerceGenerator(9).generate(5), events);
        assertTrue(err.toString().contains("wrote " + events.size() + " events"), err.toString());

        assertEquals(0, run("stream", "gen", "--sessions", "5", "--seed", "9"));
        assertEquals(Files.readString(file), out.toString(), "stdout carries the same JSON Lines");
    }

    @Test
    void replayPrintsWhatFiredAndBothEnginesAgree() throws Exception {
        Path events = dir.resolve("events.jsonl");
        run("stream", "gen", "--sessions", "40", "--seed", "3", "--out", events.toString());
        Path triggers = dir.resolve("triggers.json");
        Files.writeString(triggers, "{\"triggers\":["
                + "{\"id\":\"cart_abandon\",\"steps\":[\"add_to_cart\",\"page_exit@cart\"],\"within\":\"10m\","
                + "\"absent\":[\"purchase\"]},"
                + "{\"id\":\"buy\",\"steps\":[\"purchase\"]}]}");
        assertEquals(0, run("stream", "replay", events.toString(), "--triggers", triggers.toString()));
        String trie = out.toString();
        assertTrue(trie.contains("fired buy at event #"), trie);
        assertTrue(trie.contains("fired cart_abandon at event #"), trie);
        assertTrue(trie.contains("add_to_cart@item_detail"), trie);
        assertEquals(0, run("stream", "replay", events.toString(), "--triggers", triggers.toString(),
                "--engine", "naive"));
        assertEquals(fires(trie), fires(out.toString()));
    }

    private static List<String> fires(String text) {
        return text.lines().filter(l -> l.startsWith("fired ") || l.startsWith("  ")).toList();
    }

    /** Hostile inputs: a broken trigger file and a broken event line must name the file and the problem. */
    @Test
    void badInputsFailWithAMessageThatNamesTheProblem() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, "{\"type\":\"click\",\"event\":\"a\",\"page\":\"p\",\"ts\":1}\n{\"type\":\"nope\"}\n");
        Path triggers = dir.resolve("triggers.json");
        Files.writeString(triggers, "{\"triggers\":[{\"id\":\"t\",\"steps\":[\"a\"]}]}");
        assertNotEquals(0, run("stream", "replay", events.toString(), "--triggers", triggers.toString()));
        assertTrue(err.toString().contains("events.jsonl:2"), err.toString());

        Files.writeString(triggers, "{\"triggers\":[{\"id\":\"t\",\"steps\":[\"a\"],\"within\":\"later\"}]}");
        assertNotEquals(0, run("stream", "replay", events.toString(), "--triggers", triggers.toString()));
        assertTrue(err.toString().contains("bad duration 'later'"), err.toString());

        assertNotEquals(0, run("stream", "replay", events.toString()));
        assertTrue(err.toString().contains("--triggers"), err.toString());
        assertNotEquals(0, run("stream", "gen", "--sessions", "-1"));
    }

    @Test
    void sendShipsEventsThroughTheTunnelAndMessagesQueriesTheStore() throws Exception {
        Path events = dir.resolve("events.jsonl");
        run("stream", "gen", "--sessions", "3", "--seed", "4", "--out", events.toString());
        int count = EventJsonLines.read(events).size();
        Path certs = dir.resolve("certs");
        Path rxDir = dir.resolve("rx");
        javax.net.ssl.SSLContext serverTls = org.walle.stream.tunnel.TunnelTls.development(certs,
                "walle-dev".toCharArray())[0];
        try (org.walle.stream.tunnel.ReceiverStore rx = org.walle.stream.tunnel.ReceiverStore.open(rxDir);
                org.walle.stream.tunnel.TunnelReceiver receiver = new org.walle.stream.tunnel.TunnelReceiver(rx,
                        serverTls, 0).start()) {
            assertEquals(0, run("stream", "send", events.toString(), "--port", "" + receiver.port(), "--device",
                    "phone-7", "--certs", certs.toString()), err.toString());
            assertTrue(out.toString().contains("sent " + count + " events as device phone-7"), out.toString());
            assertEquals(count, rx.count("phone-7"));
        }
        assertEquals(0, run("stream", "messages", "--store", rxDir.toString()));
        assertTrue(out.toString().contains("phone-7: " + count), out.toString());
        assertEquals(0, run("stream", "messages", "--store", rxDir.toString(), "--device", "phone-7", "--limit", "2"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("#1 {\"type\":\"custom\",\"event\":\"session_start\""), lines.get(0));

        assertNotEquals(0, run("stream", "messages", "--store", dir.resolve("nothing").toString()));
        assertTrue(err.toString().contains("no receiver store"), err.toString());
    }

    @Test
    void receiveRunsAReceiverForTheGivenTime() {
        assertEquals(0, run("stream", "receive", "--store", dir.resolve("rx").toString(), "--seconds", "1",
                "--certs", dir.resolve("certs").toString()));
        assertTrue(out.toString().startsWith("receiving on 127.0.0.1:"), out.toString());
    }
}
