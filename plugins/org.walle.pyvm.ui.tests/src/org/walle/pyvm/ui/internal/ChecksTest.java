package org.walle.pyvm.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless checks behind the editors, run against the real task VM and package reader. */
class ChecksTest {
    @Test
    void syntaxErrorIsReportedAtItsLine() {
        List<Problem> problems = ScriptCheck.check("main.py", "import walle\n\nx = 1\ndef f(:\n    pass\n");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(4, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("SyntaxError"), problems.get(0).message());
    }

    @Test
    void sandboxRefusalIsReportedAtItsLine() {
        // hostile script: reaching for a dunder attribute is refused by the VM's static check
        List<Problem> problems = ScriptCheck.check("main.py", "import walle\ny = ().__class__\n");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(2, problems.get(0).line());
    }

    @Test
    void validScriptHasNoProblems() {
        assertEquals(List.of(), ScriptCheck.check("main.py", "import walle\nwalle.output.emit('x', 1)\n"));
    }

    @Test
    void taskJsonProblemsLandOnTheirLines(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.py"), "pass\n");
        // a typo'd field name and a missing version
        String json = "{\n  \"id\": \"t1\",\n  \"entri\": \"main.py\"\n}\n";
        Files.writeString(dir.resolve("task.json"), json);
        List<Problem> problems = TaskJsonCheck.check(dir, json);
        assertTrue(problems.size() >= 2, problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.line() == 3 && p.message().contains("entri")),
                problems.toString());
    }

    @Test
    void brokenJsonNamesTheLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.py"), "pass\n");
        String json = "{\n  \"id\": \"t1\",\n  \"version\": 1.0.0\n}\n";
        Files.writeString(dir.resolve("task.json"), json);
        List<Problem> problems = TaskJsonCheck.check(dir, json);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(3, problems.get(0).line(), problems.toString());
    }
}
