package org.walle.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small task folders (task.json + main.py) for tests. */
final class TaskFolders {
    private TaskFolders() {
    }

    /** @param sequence trigger event ids, e.g. {@code "\"purchase\""} or {@code "\"a\", \"b\""} */
    static Path write(Path parent, String id, String version, String sequence, String mainPy) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(id + "-" + version));
        Files.writeString(dir.resolve("task.json"), "{\"id\": \"" + id + "\", \"version\": \"" + version
                + "\", \"entry\": \"main.py\", \"triggers\": [{\"name\": \"fire\", \"sequence\": [" + sequence
                + "]}]}");
        Files.writeString(dir.resolve("main.py"), mainPy);
        return dir;
    }
}
