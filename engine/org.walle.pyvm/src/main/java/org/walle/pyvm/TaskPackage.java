package org.walle.pyvm;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.walle.pyvm.internal.pkg.PackageReader;

/**
 * A validated task package (a folder or a zip): its manifest and all its files, held in memory so a running task
 * never touches the file system. Open one with {@link #open(Path)}.
 */
public final class TaskPackage {
    /** Default limits on package contents. */
    public static final long MAX_FILE_BYTES = 64L << 20;
    public static final long MAX_TOTAL_BYTES = 256L << 20;
    public static final int MAX_FILES = 2_000;

    private final String source;
    private final TaskManifest manifest;
    private final Map<String, byte[]> files;

    public TaskPackage(String source, TaskManifest manifest, Map<String, byte[]> files) {
        this.source = source;
        this.manifest = manifest;
        this.files = new TreeMap<>(files);
    }

    /** Reads and validates a folder or a .zip file; throws {@link TaskPackageException} listing every problem. */
    public static TaskPackage open(Path folderOrZip) {
        return new PackageReader(MAX_FILE_BYTES, MAX_TOTAL_BYTES, MAX_FILES).read(folderOrZip);
    }

    public String source() {
        return source;
    }

    public TaskManifest manifest() {
        return manifest;
    }

    public String id() {
        return manifest.id();
    }

    /** Package-relative file names with '/' separators. */
    public Set<String> fileNames() {
        return files.keySet();
    }

    public Optional<byte[]> file(String name) {
        byte[] b = files.get(name);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    /** The source of a script, e.g. {@code main.py}. */
    public Optional<String> script(String name) {
        byte[] b = files.get(name);
        return b == null ? Optional.empty() : Optional.of(new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return manifest.id() + "@" + manifest.version() + " (" + source + ")";
    }
}
