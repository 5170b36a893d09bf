package org.walle.engine.onnx.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark models the build generates with Debian's python3-onnx and a fixed seed
 * ({@code src/test/python/bench_models.py}): a MobileNet-style conv net and a transformer block. Written once
 * into the models cache; a missing python3-onnx fails the calling test with the package to install.
 */
public final class GeneratedModels {
    static final String SCRIPT = "src/test/python/bench_models.py";

    private GeneratedModels() {
    }

    /** {@code name} is "mobilenet_style" or "transformer_block". */
    public static Path path(String name) throws IOException, InterruptedException {
        Path dir = NpmModels.cacheDir().resolve("generated");
        Path model = dir.resolve(name + ".onnx");
        if (!Files.exists(model)) {
            generate(dir);
        }
        return model;
    }

    private static synchronized void generate(Path dir) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("walle.bench.script", SCRIPT)).toAbsolutePath();
        Path partial = Files.createDirectories(dir.resolveSibling("generated.partial"));
        Process p = new ProcessBuilder(List.of("/usr/bin/python3", script.toString(), partial.toString()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("generating the benchmark models failed (is python3-onnx installed? "
                    + "apt-get install python3-onnx): " + output);
        }
        if (!Files.exists(dir)) {
            Files.move(partial, dir);
        }
    }
}
