package org.walle.device.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A device's downloaded bundles ({@code downloads/<sha256>.zip}). Zips of active and last-good versions stay: a
 * server rollback then revalidates the kept zip (304, hash and signature checked again) instead of downloading it.
 */
public final class DownloadCache {
    private DownloadCache() {
    }

    /** Deletes every bundle zip whose hash is not in {@code keep}; a missing folder is fine. */
    public static void prune(Path downloads, Set<String> keep) throws IOException {
        if (!Files.isDirectory(downloads)) {
            return;
        }
        try (Stream<Path> list = Files.list(downloads)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".zip") && !keep.contains(name.substring(0, name.length() - 4))) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
