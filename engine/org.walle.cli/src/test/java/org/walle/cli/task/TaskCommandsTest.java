package org.walle.cli.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.walle.cli.WalleCommand;
import org.junit.jupiter.api.io.TempDir;

/** {@code walle task run} and {@code walle task check} on packages written here. */
class TaskCommandsTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs the real {@code walle} command line: task run and check sit beside task push. */
    private int walle(String... args) {
        return WalleCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path task(String main) throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.writeString(t.resolve("task.json"), "{\"id\": \"cli-task\", \"version\": \"1\"}");
        Files.writeString(t.resolve("main.py"), main);
        return t;
    }

    @Test
    void runPassesInputsAndEventsAndPrintsOutputs() throws Exception {
        Path t = task("import walle\nprint 'hello', walle.task.input('name')\n"
                + "walle.output.emit('clicks', walle.events.count('click'))\n");
        Path events = dir.resolve("ev.jsonl");
        Files.writeString(events, "{\"event_id\": \"page_enter\", \"page_id\": \"home\", \"timestamp\": 1}\n\n"
                + "{\"event_id\": \"click\", \"page_id\": \"home\", \"timestamp\": 2, \"args\": {\"x\": 1}}\n");
        assertEquals(0, walle("task", "run", t.toString(), "--input", "name=walle", "--events", events.toString()),
                err.toString());
        assertTrue(out.toString().contains("hello walle"), out.toString());
        assertTrue(out.toString().contains("result clicks = 1"), out.toString());
    }

    @Test
    void runReportsScriptErrorsWithFileAndLine() throws Exception {
        Path t = task("x = 1\nimport os\n");
        assertEquals(1, walle("task", "run", t.toString()));
        assertTrue(err.toString().contains("main.py:2: SandboxError: import of 'os' is not allowed"), err.toString());
    }

    @Test
    void checkFindsProblemsAndPassesCleanPackages() throws Exception {
        Path t = task("print ().__class__\n");
        assertEquals(1, walle("task", "check", t.toString()));
        assertTrue(out.toString().contains("main.py:1: SandboxError"), out.toString());
        Files.writeString(t.resolve("main.py"), "print 1\n");
        assertEquals(0, walle("task", "check", t.toString()), out.toString());
        Files.delete(t.resolve("task.json"));
        assertEquals(1, walle("task", "check", t.toString()));
        assertTrue(out.toString().contains("task.json is missing"), out.toString());
    }
}
