package org.walle.pyvm.internal.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.walle.pyvm.TaskManifest;
import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskPackageException;

/**
 * Reads a task package folder or zip into memory. Refuses entries that would escape the package (zip-slip:
 * absolute paths, '..', backslashes, drive letters; symbolic links in folders), files over the size limit and
 * packages with too many or too large files. Every problem is collected, not just the first.
 */
public final class PackageReader {
    private final long maxFileBytes;
    private final long maxTotalBytes;
    private final int maxFiles;

    public PackageReader(long maxFileBytes, long maxTotalBytes, int maxFiles) {
        this.maxFileBytes = maxFileBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.maxFiles = maxFiles;
    }

    public TaskPackage read(Path path) {
        List<String> problems = new ArrayList<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (!Files.exists(path)) {
            throw new TaskPackageException(path.toString(), List.of("no such file or folder"));
        }
        try {
            if (Files.isDirectory(path)) {
                readFolder(path, files, problems);
            } else {
                readZip(path, files, problems);
            }
        } catch (IOException e) {
            problems.add("cannot read: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new TaskPackageException(path.toString(), problems);
        }
        TaskManifest manifest = ManifestParser.parse(files, problems);
        if (!problems.isEmpty()) {
            throw new TaskPackageException(path.toString(), problems);
        }
        return new TaskPackage(path.toString(), manifest, files);
    }

    private void readFolder(Path root, Map<String, byte[]> files, List<String> problems) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.filter(p -> !p.equals(root)).sorted().toList();
        }
        long total = 0;
        for (Path p : all) {
            String name = root.relativize(p).toString().replace('\\', '/');
            if (Files.isSymbolicLink(p)) {
                problems.add(name + ": symbolic links are not allowed in a task package");
                continue;
            }
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            long size = Files.size(p);
            if (!checkSize(name, size, total, files.size(), problems)) {
                continue;
            }
            total += size;
            files.put(name, Files.readAllBytes(p));
        }
    }

    private void readZip(Path zip, Map<String, byte[]> files, List<String> problems) throws IOException {
        long total = 0;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                String bad = unsafeName(name);
                if (bad != null) {
                    problems.add("zip entry '" + name + "' " + bad);
                    continue;
                }
                if (files.containsKey(name)) {
                    problems.add("zip entry '" + name + "' appears twice");
                    continue;
                }
                // the declared size may lie: count the bytes actually inflated
                byte[] data = readLimited(z, name, problems);
                if (data == null || !checkSize(name, data.length, total, files.size(), problems)) {
                    continue;
                }
                total += data.length;
                files.put(name, data);
            }
        } catch (java.util.zip.ZipException ex) {
            problems.add("not a valid zip file: " + ex.getMessage());
        }
        if (files.isEmpty() && problems.isEmpty()) {
            problems.add("the zip holds no files (is it a zip?)");
        }
    }

    private byte[] readLimited(InputStream in, String name, List<String> problems) throws IOException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
        if (data.length > maxFileBytes) {
            problems.add(name + ": file larger than the limit of " + maxFileBytes + " bytes");
            return null;
        }
        return data;
    }

    private boolean checkSize(String name, long size, long total, int count, List<String> problems) {
        if (size > maxFileBytes) {
            problems.add(name + ": file of " + size + " bytes is larger than the limit of " + maxFileBytes + " bytes");
            return false;
        }
        if (total + size > maxTotalBytes) {
            problems.add(name + ": package larger than the limit of " + maxTotalBytes + " bytes");
            return false;
        }
        if (count + 1 > maxFiles) {
            problems.add(name + ": package holds more than " + maxFiles + " files");
            return false;
        }
        return true;
    }

    /** Why a zip entry name is unsafe, or null when it stays inside the package. */
    static String unsafeName(String name) {
        if (name.isEmpty()) {
            return "has an empty name";
        }
        if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
            return "has an absolute or non-portable path (zip-slip)";
        }
        for (String part : name.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                return "escapes the package with '" + part + "' (zip-slip)";
            }
        }
        if (name.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        return null;
    }
}
