package org.walle.deploy.internal.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/**
 * Content-addressed bundle files {@code <sha256>.zip}. A bundle is written to a {@code .tmp} name, forced to disk
 * and atomically renamed; only then does the caller commit the database row. So after a crash a committed row always
 * has its file, and a file without a row (or a leftover .tmp) is an orphan that {@link #removeOrphans} deletes.
 */
public final class BundleStore {
    private final Path dir;

    public BundleStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** Writes bytes produced by {@code writer}; returns the hash and size. Identical content is stored once. */
    public Stored store(ContentWriter writer) throws IOException {
        Path tmp = dir.resolve(UUID.randomUUID() + ".tmp");
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW), md)) {
                writer.write(out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            String sha = HexFormat.of().formatHex(md.digest());
            long size = Files.size(tmp);
            Path target = path(sha);
            if (Files.exists(target)) {
                Files.delete(tmp);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                forceDirectory();
            }
            return new Stored(sha, size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
        return dir.resolve(sha256 + ".zip");
    }

    /** Deletes temp files and bundle files that no committed row refers to; returns how many were removed. */
    public int removeOrphans(Set<String> committedHashes) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                boolean orphan = name.endsWith(".tmp")
                        || name.endsWith(".zip") && !committedHashes.contains(name.substring(0, name.length() - 4));
                if (orphan) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        }
        return removed;
    }

    private void forceDirectory() {
        // makes the rename itself durable on Linux; some file systems refuse to open a directory, which is harmless
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // best effort
        }
    }

    /** Streams bundle content into the store. */
    @FunctionalInterface
    public interface ContentWriter {
        void write(OutputStream out) throws IOException;
    }

    public record Stored(String sha256, long size) {
    }
}
