package org.walle.cli.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.cli.WalleCommand;
import org.walle.cli.model.ModelCommandsTest;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.ProfileExport;

/** {@code walle bench}, {@code search} and {@code profile} on y = Relu(x @ w + b), against ONNX Runtime. */
class PerfCommandsTest {
    @TempDir
    Path dir;
    Path model;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeModel() throws Exception {
        model = dir.resolve("tiny.onnx");
        Files.write(model, ModelCommandsTest.tinyModel().toByteArray());
    }

    private int walle(String... args) {
        return WalleCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void benchAgreesWithOnnxRuntimeAndPrintsTheRatio() {
        for (String backend : new String[] {"cpu-ref", "cpu-simd"}) {
            out.getBuffer().setLength(0);
            assertEquals(0, walle("bench", model.toString(), "--shape", "x=4,2", "--backend", backend, "--threads", "1",
                    "--runs", "3", "--warmup", "1", "--vs-ort"), err.toString());
            String text = out.toString();
            assertTrue(text.contains("backend " + backend + ", 1 threads"), text);
            assertTrue(text.matches("(?s).*ratio walle/onnxruntime \\(median\\) = [0-9.]+ at 1 threads.*"), text);
            Matcher diff = Pattern.compile("max \\|walle - onnxruntime\\| = (\\S+)").matcher(text);
            assertTrue(diff.find(), text);
            assertTrue(Double.parseDouble(diff.group(1)) < 1e-5, "outputs agree: " + text);
        }
    }

    @Test
    void benchComparesTheSearchedPlanWithTheMeasuredFastest() {
        assertEquals(0, walle("bench", model.toString(), "--shape", "x=64,2", "--runs", "3", "--warmup", "1",
                "--check-search", "2"), err.toString());
        String text = out.toString();
        assertTrue(text.matches("(?s).*searched plan / measured-fastest plan \\(median\\) = [0-9.]+.*"), text);
        assertTrue(text.matches("(?s).*measuring moved [0-9]+ of [0-9]+ commands.*"), text);
        assertTrue(text.matches("(?s).*measured-fastest plan median [0-9.]+ ms; searched plan median [0-9.]+ ms.*"),
                text);
        assertTrue(text.matches("(?s).*session [0-9.]+ ms, resize [0-9.]+ ms.*"), text);
    }

    @Test
    void searchShowsEveryBackendsTotalAndTheChoices() {
        assertEquals(0, walle("search", model.toString(), "--shape", "x=8,2"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("cpu-ref") && text.contains("cpu-simd"), text);
        assertTrue(text.contains("<- chosen"), text);
        assertTrue(text.matches("(?s).*search [0-9.]+ ms.*"), text);
        assertTrue(text.contains("MATMUL on "), text);
        out.getBuffer().setLength(0);
        assertEquals(0, walle("search", model.toString(), "--backend", "cpu-ref", "--measure", "2", "--all"),
                err.toString());
        text = out.toString();
        assertTrue(text.contains("<- pinned"), text);
        assertTrue(text.contains("choices (measured)"), text);
        assertTrue(text.matches("(?s).*#0 mm MATMUL.*measured +[0-9.]+ ms.*"), text);
    }

    @Test
    void searchPinsANodeAndRefusesAnUnknownBackend() {
        assertEquals(0, walle("search", model.toString(), "--backend", "cpu-simd", "--pin", "relu=cpu-ref", "--all"),
                err.toString());
        assertTrue(out.toString().matches("(?s).*relu UNARY.*-> cpu-ref / scalar \\[pinned\\].*"), out.toString());
        assertNotEquals(0, walle("search", model.toString(), "--backend", "tpu"));
        assertTrue(err.toString().contains("'tpu'"), err.toString());
    }

    @Test
    void profileWritesATraceAndACsvThatLoadsBack() throws Exception {
        Path trace = dir.resolve("out/trace.json");
        Path csv = dir.resolve("out/profile.csv");
        assertEquals(0, walle("profile", model.toString(), "--shape", "x=16,2", "--runs", "3", "--warmup", "1",
                "--trace", trace.toString(), "--csv", csv.toString()), err.toString());
        assertTrue(out.toString().contains("median run"), out.toString());
        String json = Files.readString(trace);
        assertTrue(json.contains("\"traceEvents\"") && json.contains("\"ph\":\"X\""), json);
        Profile p = ProfileExport.readCsv(Files.newBufferedReader(csv));
        assertTrue(p.ops().stream().anyMatch(t -> t.node().equals("mm") && t.flops() == 2.0 * 16 * 2 * 3), csv.toString());
        assertEquals(3, p.runNanos().length);
    }
}
