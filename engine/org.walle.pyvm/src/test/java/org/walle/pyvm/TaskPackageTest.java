package org.walle.pyvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** task.json validation and package reading: each broken package names what is wrong. */
class TaskPackageTest {
    @TempDir
    Path dir;

    @Test
    void readsAFolderWithItsManifest() {
        TaskPackage p = TaskPackage.open(Tasks.withManifest(dir, "{\"id\": \"ocr\", \"version\": \"2.1\", \"resources\": "
                + "[\"labels.txt\"], \"triggers\": [{\"name\": \"t\", \"sequence\": [\"page_enter\", \"click\"], "
                + "\"window_ms\": 5000}], \"limits\": {\"timeout_ms\": 1500, \"max_alloc_mb\": 64}}",
                "print 1", "labels.txt", "a\nb\n"));
        assertEquals("ocr", p.id());
        assertEquals(new TaskLimits(1500, 64L << 20), p.manifest().limits());
        assertEquals(new Trigger("t", java.util.List.of("page_enter", "click"), 5000), p.manifest().triggers().get(0));
        assertEquals("a\nb\n", p.script("labels.txt").orElseThrow());
    }

    @Test
    void listsEveryManifestProblem() {
        TaskPackageException e = assertThrows(TaskPackageException.class, () -> TaskPackage.open(Tasks.withManifest(dir,
                "{\"version\": 3, \"entry\": \"run.py\", \"resources\": [\"model.onnx\"], \"colour\": 1, "
                        + "\"limits\": {\"timeout_ms\": -5}}", "print 1")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("required field \"id\" is missing"), all);
        assertTrue(all.contains("\"version\" must be a non-empty string"), all);
        assertTrue(all.contains("entry script \"run.py\" is not in the package"), all);
        assertTrue(all.contains("resource \"model.onnx\" is not in the package"), all);
        assertTrue(all.contains("unknown field \"colour\""), all);
        assertTrue(all.contains("limits.timeout_ms must be an integer"), all);
    }

    @Test
    void refusesMissingOrBrokenManifest() {
        Path noManifest = Tasks.withManifest(dir, "{}", "print 1");
        noManifest.resolve("task.json").toFile().delete();
        assertTrue(assertThrows(TaskPackageException.class, () -> TaskPackage.open(noManifest)).getMessage()
                .contains("task.json is missing"));
        TaskPackageException bad = assertThrows(TaskPackageException.class,
                () -> TaskPackage.open(Tasks.withManifest(dir, "{\"id\": \"x\",, }", "print 1")));
        assertTrue(bad.getMessage().contains("line 1, column"), bad.getMessage());
    }

    @Test
    void zipSlipEntriesAreRefused() throws Exception {
        Path zip = dir.resolve("evil.zip");
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
            put(z, "task.json", "{\"id\": \"evil\", \"version\": \"1\"}");
            put(z, "main.py", "print 1");
            put(z, "../../etc/cron.d/x", "boom");
            put(z, "/abs/path.py", "boom");
        }
        TaskPackageException e = assertThrows(TaskPackageException.class, () -> TaskPackage.open(zip));
        assertTrue(e.getMessage().contains("'../../etc/cron.d/x' escapes the package"), e.getMessage());
        assertTrue(e.getMessage().contains("'/abs/path.py' has an absolute"), e.getMessage());
    }

    @Test
    void readsAZipAndRefusesOversizedFiles() throws Exception {
        Path zip = dir.resolve("ok.zip");
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
            put(z, "task.json", "{\"id\": \"zipped\", \"version\": \"1\"}");
            put(z, "main.py", "print 1");
        }
        assertEquals("zipped", TaskPackage.open(zip).id());
        Path big = Tasks.folder(dir, "print 1");
        Files.write(big.resolve("huge.bin"), new byte[1024]);
        TaskPackageException e = assertThrows(TaskPackageException.class,
                () -> new org.walle.pyvm.internal.pkg.PackageReader(512, 1 << 20, 10).read(big));
        assertTrue(e.getMessage().contains("huge.bin: file of 1024 bytes is larger than the limit of 512"),
                e.getMessage());
    }

    @Test
    void checkReportsSandboxAndSyntaxProblemsWithoutRunning() {
        TaskPackage p = TaskPackage.open(Tasks.withManifest(dir, "{\"id\": \"c\", \"version\": \"1\"}",
                "x = 1\ny = x.__class__\n", "util.py", "def f(:\n  pass\n"));
        var problems = TaskVm.check(p);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("main.py:2: SandboxError"), problems.toString());
        assertTrue(problems.get(1).startsWith("util.py:1: SyntaxError"), problems.toString());
    }

    private static void put(ZipOutputStream z, String name, String text) throws Exception {
        z.putNextEntry(new ZipEntry(name));
        z.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
