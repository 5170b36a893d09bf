package org.walle.deploy.internal.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads an uploaded task snapshot (a zip of the task directory) into path -> bytes, refusing hostile archives:
 * absolute paths, {@code ..} segments, backslashes, duplicate entries, more than {@link #MAX_FILES} files or more than
 * {@link #MAX_BYTES} uncompressed bytes (zip bombs are cut off while inflating, not after).
 */
public final class SnapshotReader {
    public static final int MAX_FILES = 10_000;
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    private SnapshotReader() {
    }

    public static SortedMap<String, byte[]> read(InputStream zipBytes) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipInputStream zin = new ZipInputStream(zipBytes)) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null;) {
                if (e.isDirectory()) {
                    continue;
                }
                String path = checkPath(e.getName());
                if (files.size() >= MAX_FILES) {
                    throw new InvalidSnapshotException("more than " + MAX_FILES + " files in the snapshot");
                }
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                byte[] chunk = new byte[65536];
                for (int n; (n = zin.read(chunk)) > 0;) {
                    total += n;
                    if (total > MAX_BYTES) {
                        throw new InvalidSnapshotException("snapshot expands beyond " + MAX_BYTES + " bytes");
                    }
                    buf.write(chunk, 0, n);
                }
                if (files.put(path, buf.toByteArray()) != null) {
                    throw new InvalidSnapshotException("duplicate entry '" + path + "' in the snapshot");
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new InvalidSnapshotException("snapshot is not a valid zip: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new InvalidSnapshotException("snapshot holds no files (expected a zip of the task directory)");
        }
        return files;
    }

    static String checkPath(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")
                || name.matches("^[A-Za-z]:.*")) {
            throw new InvalidSnapshotException("unsafe path '" + name + "' in the snapshot");
        }
        for (String seg : name.split("/")) {
            if (seg.equals("..") || seg.equals(".") || seg.isEmpty() || seg.equals(".git")) {
                throw new InvalidSnapshotException("unsafe path '" + name + "' in the snapshot");
            }
        }
        return name;
    }
}
