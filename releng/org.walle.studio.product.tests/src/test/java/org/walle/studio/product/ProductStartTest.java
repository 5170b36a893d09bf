package org.walle.studio.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the materialised Walle Studio product as a user would (its start script), under the X display of the test
 * run, and checks that the workbench window comes up in the Model perspective with the graph view, that the product
 * stops by itself with exit code 0, and that its log has no error entries.
 */
class ProductStartTest {
    private static final String READY = "WALLE-STUDIO-READY";

    @Test
    void productStartsShowsTheGraphViewAndStopsCleanly(@TempDir Path data) throws Exception {
        Path product = Path.of(System.getProperty("walle.product.dir"));
        Path script = product.resolve("walle-studio");
        assertTrue(Files.isExecutable(script), "build the product first (./walle build); missing " + script);

        ProcessBuilder pb = new ProcessBuilder(script.toString(), "-consoleLog");
        pb.environment().put("WALLE_STUDIO_DATA", data.resolve("workspace").toString());
        pb.environment().put("WALLE_STUDIO_VMARGS", "-Dwalle.studio.exitAfterMs=2000");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> collect(process, output));
        reader.start();
        try {
            assertTrue(process.waitFor(180, TimeUnit.SECONDS), "product did not stop by itself:\n" + text(output));
        } finally {
            process.destroyForcibly();
        }
        reader.join(10_000);
        String log = text(output);
        String ready = output.stream().filter(l -> l.startsWith(READY)).findFirst().orElse(null);
        assertTrue(ready != null, "no ready line:\n" + log);
        assertTrue(ready.contains("window=true"), ready);
        assertTrue(ready.contains("perspective=org.walle.studio.perspective.model"), ready);
        assertTrue(ready.contains("org.walle.engine.ui.graphView"), ready);
        assertEquals(0, process.exitValue(), log);
        assertFalse(log.contains("!ENTRY") && log.matches("(?s).*!ENTRY \\S+ 4 .*"), "error entries on the console:\n" + log);
        Path errorLog = data.resolve("workspace/.metadata/.log");
        if (Files.exists(errorLog)) {
            String entries = Files.readString(errorLog);
            assertFalse(entries.matches("(?s).*!ENTRY \\S+ 4 .*"), "error entries in " + errorLog + ":\n" + entries);
        }
    }

    private static void collect(Process process, List<String> output) {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.add("(reading the product's output failed: " + e + ")");
            }
        }
    }

    private static String text(List<String> output) {
        synchronized (output) {
            return String.join("\n", output);
        }
    }
}
