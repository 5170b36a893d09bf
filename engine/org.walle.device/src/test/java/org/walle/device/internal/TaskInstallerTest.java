package org.walle.device.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.device.InvalidTaskException;
import org.walle.device.TaskBundle;

class TaskInstallerTest {
    @TempDir
    Path dir;

    static byte[] zip(Map<String, String> files) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(buf)) {
            for (var e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return buf.toByteArray();
    }

    static TaskBundle bundle(String version, String sha) throws Exception {
        return TaskBundle.fromZip(zip(Map.of("task.json", "{\"id\":\"t\",\"version\":\"" + version + "\","
                + "\"triggers\":[{\"name\":\"a\",\"sequence\":[\"click\",\"purchase@checkout\"],\"window_ms\":5000}]}",
                "main.py", "print 1\n", "lib/util.py", "X = 2\n")), "test", sha);
    }

    @Test
    void keepsCurrentAndPreviousAndRollsBack() throws Exception {
        TaskInstaller inst = new TaskInstaller(dir);
        InstalledVersion v1 = new InstalledVersion("t", "1", 1, "a1", "sig1");
        InstalledVersion v2 = new InstalledVersion("t", "2", 2, "b2", "sig2");
        InstalledVersion v3 = new InstalledVersion("t", "3", 3, "c3", "sig3");
        for (InstalledVersion v : new InstalledVersion[] {v1, v2, v3}) {
            inst.unpack(bundle(v.version(), v.sha256()), v.sha256());
            inst.activate(v);
        }
        TaskInstaller.State s = inst.state("t");
        assertEquals(v3, s.current());
        assertEquals(v2, s.previous());
        assertFalse(Files.exists(inst.folder("t", "a1")), "versions older than the previous are pruned");
        assertEquals("X = 2\n", Files.readString(inst.folder("t", "c3").resolve("lib/util.py")));
        assertEquals("3", inst.load(v3).orElseThrow().version());

        s = inst.rollback("t");
        assertEquals(v2, s.current());
        assertNull(s.previous());
        assertEquals(Set.of("c3"), s.bad());
        assertFalse(Files.exists(inst.folder("t", "c3")));
        // a new installer over the same folder (a restarted device) sees the same state
        assertEquals(s, new TaskInstaller(dir).state("t"));
        try (var list = Files.list(dir.resolve("tasks/t"))) {
            assertTrue(list.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "no temp leftovers");
        }
        inst.remove("t");
        assertNull(inst.state("t").current());
    }

    @Test
    void triggersAreReadFromTaskJson() throws Exception {
        TaskBundle b = bundle("1", "x");
        assertEquals("t#a", b.triggers().get(0).id());
        assertEquals(5000, b.triggers().get(0).windowMillis());
        assertEquals("checkout", b.triggers().get(0).steps().get(1).pageId());
    }

    /** Hostile bundles: path traversal, absolute names, no task.json, bad JSON, a missing entry, a bad trigger. */
    @Test
    void refusesHostileBundles() throws Exception {
        for (String name : new String[] {"../evil.py", "/etc/passwd", "a/../../b"}) {
            InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> TaskBundle.fromZip(zip(Map.of(
                    "task.json", "{\"id\":\"t\",\"version\":\"1\"}", "main.py", "", name, "x")), "z", "s"));
            assertTrue(e.getMessage().contains("unsafe file name"), e.getMessage());
        }
        assertTrue(assertThrows(InvalidTaskException.class, () -> TaskBundle.fromZip(zip(Map.of("main.py", "")), "z",
                "s")).getMessage().contains("task.json is missing"));
        assertTrue(assertThrows(InvalidTaskException.class, () -> TaskBundle.fromZip(zip(Map.of("task.json", "{x",
                "main.py", "")), "z", "s")).getMessage().contains("not valid JSON"));
        String msg = assertThrows(InvalidTaskException.class, () -> TaskBundle.fromZip(zip(Map.of("task.json",
                "{\"id\":\"Bad Id\",\"triggers\":[{\"name\":\"\",\"sequence\":[]}]}")), "z", "s")).getMessage();
        for (String part : new String[] {"\"id\" must be", "\"version\" is required", "entry script 'main.py'",
            "triggers[0]"}) {
            assertTrue(msg.contains(part), part + " missing in: " + msg);
        }
    }
}
