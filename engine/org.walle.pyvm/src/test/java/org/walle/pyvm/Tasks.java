package org.walle.pyvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small task packages for tests. */
final class Tasks {
    private static int seq;

    private Tasks() {
    }

    static Path folder(Path dir, String mainPy, String... extraFiles) {
        return withManifest(dir, "{\"id\": \"t" + (++seq) + "\", \"version\": \"1.0\"}", mainPy, extraFiles);
    }

    static Path withManifest(Path dir, String taskJson, String mainPy, String... extraFiles) {
        try {
            Path root = Files.createDirectories(dir.resolve("task" + (++seq)));
            Files.writeString(root.resolve("task.json"), taskJson, StandardCharsets.UTF_8);
            if (mainPy != null) {
                Files.writeString(root.resolve("main.py"), mainPy, StandardCharsets.UTF_8);
            }
            for (int i = 0; i + 1 < extraFiles.length; i += 2) {
                Files.writeString(root.resolve(extraFiles[i]), extraFiles[i + 1], StandardCharsets.UTF_8);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TaskPackage pkg(Path dir, String mainPy, String... extraFiles) {
        return TaskPackage.open(folder(dir, mainPy, extraFiles));
    }
}
