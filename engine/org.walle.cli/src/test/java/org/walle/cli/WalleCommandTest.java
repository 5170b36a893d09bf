package org.walle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class WalleCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WalleCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void versionPrintsProductEngineAndJava() {
        assertEquals(0, run("version"));
        String text = out.toString();
        assertTrue(text.contains("Walle Studio 0.1.0"), text);
        assertTrue(text.contains("engine 0.1.0"), text);
        assertTrue(text.contains("Java " + System.getProperty("java.version")), text);
    }

    @Test
    void helpListsTheSubcommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("version"), out.toString());
    }

    @Test
    void unknownCommandFailsWithAMessage() {
        assertNotEquals(0, run("no-such-command"));
        assertTrue(err.toString().contains("no-such-command"), err.toString());
    }
}
