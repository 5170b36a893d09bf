package org.walle.device.internal;

import java.io.IOException;
import java.nio.file.Path;

/** File-tree helpers. */
public final class Trees {
    private Trees() {
    }

    /** Deletes a folder and everything in it; missing is fine. */
    public static void delete(Path p) throws IOException {
        TaskInstaller.deleteTree(p);
    }
}
