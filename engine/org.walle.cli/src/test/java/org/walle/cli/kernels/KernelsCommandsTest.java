package org.walle.cli.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.cli.WalleCommand;

/** {@code walle calibrate} and {@code walle conv-algorithms} with a calibration cache in a temp dir. */
class KernelsCommandsTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int walle(String... args) {
        return WalleCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void calibrateMeasuresThenChecksTheCacheRecalibratesAStaleOneAndForceMeasuresAgain() throws Exception {
        Path file = dir.resolve("cal.json");
        assertEquals(0, walle("calibrate", "--file", file.toString(), "--backend", "cpu-simd"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("measured now: no cached entry"), text);
        assertTrue(text.contains("GFLOP/s on 1 thread") && text.contains("best of 3") && text.contains("at load"), text);
        String stored = Files.readString(file);
        assertTrue(stored.contains("gemmGflops1") && stored.contains("loadAverage") && stored.contains("repeats"),
                stored);
        // as if measured on a busy machine: the check's probe finds this machine much faster and measures again
        Files.writeString(file, stored.replaceAll("\"gemmGflops1\": [0-9.eE+-]+", "\"gemmGflops1\": 0.01"));
        out.getBuffer().setLength(0);
        assertEquals(0, walle("calibrate", "--file", file.toString(), "--backend", "cpu-simd"), err.toString());
        text = out.toString();
        assertTrue(text.contains("re-calibrated: probe gemmGflops1 = "), text);
        assertTrue(text.contains("(was 0.01, +"), text);
        String before = Files.readString(file);
        out.getBuffer().setLength(0);
        assertEquals(0, walle("calibrate", "--file", file.toString(), "--backend", "cpu-simd", "--force"));
        assertTrue(out.toString().contains("re-calibrated: forced"), out.toString());
        assertNotEquals(before, Files.readString(file), "a forced run writes a new measurement");
    }

    /** Hostile input: a calibration file that is not JSON. */
    @Test
    void aCorruptCalibrationFileIsSetAsideWithANoteAndMeasuredAgain() throws Exception {
        Path file = dir.resolve("cal.json");
        Files.writeString(file, "{\"AMD|2 cores\": {\"gemmGflops1\": 4");
        assertEquals(0, walle("calibrate", "--file", file.toString(), "--backend", "cpu-simd"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("note: calibration cache " + file + " is not a calibration file")
                && text.contains("moved to " + file + ".corrupt"), text);
        assertEquals("{\"AMD|2 cores\": {\"gemmGflops1\": 4", Files.readString(dir.resolve("cal.json.corrupt")));
        assertTrue(Files.readString(file).contains("gemmGflops1"), "measured and stored again");
    }

    /** CI installs PoCL: a missing device fails here as in the OpenCL module. */
    @Test
    void calibrateMeasuresTheOpenClDeviceAndRejectsUnknownBackends() {
        Path file = dir.resolve("cal.json");
        assertEquals(0, walle("calibrate", "--file", file.toString(), "--backend", "opencl"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("opencl  [opencl|") && text.contains("blockedGflops") && text.contains("launchUs")
                && text.contains("device "), text);
        assertEquals(1, walle("calibrate", "--backend", "cuda"));
        assertTrue(err.toString().contains("--backend must be all, cpu-simd or opencl, got 'cuda'"), err.toString());
    }

    @Test
    void convAlgorithmsListsEveryAlgorithmWithReasonsAndAChoice() {
        Path file = dir.resolve("cal.json");
        // a first call measures and caches the calibration, so the timed call below is the algorithms' runs
        assertEquals(0, walle("conv-algorithms", "--shape", "1,8,20,20", "--out-channels", "8", "--calibration",
                file.toString()), err.toString());
        out.getBuffer().setLength(0);
        long start = System.nanoTime();
        assertEquals(0, walle("conv-algorithms", "--shape", "1,8,20,20", "--out-channels", "8", "--stride", "2",
                "--measure", "--warmup-ms", "150", "--threads", "1", "--calibration", file.toString()),
                err.toString());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        String text = out.toString();
        // each measured algorithm warms up for the given time first (a fixed 5 runs timed a cold JIT)
        long measured = text.lines().filter(l -> l.contains("measured")).count();
        assertTrue(measured >= 3 && elapsedMillis >= measured * 150, measured + " algorithms in " + elapsedMillis
                + " ms");
        assertTrue(text.contains("IM2COL_GEMM     model"), text);
        assertTrue(text.contains("measured"), text);
        assertTrue(text.contains("WINOGRAD_F4     unsupported: WINOGRAD_F4 needs stride 1"), text);
        assertTrue(text.contains("model choice: "), text);
    }

    /** Hostile input: a 3-number shape and a kernel larger than the input. */
    @Test
    void badShapesAreReported() {
        assertEquals(2, walle("conv-algorithms", "--shape", "1,8,20", "--out-channels", "8"));
        assertTrue(err.toString().contains("--shape needs 4 numbers"), err.toString());
        assertEquals(1, walle("conv-algorithms", "--shape", "1,3,2,2", "--out-channels", "4", "--kernel", "7",
                "--pad", "0", "--calibration", dir.resolve("c.json").toString()));
        assertTrue(err.toString().contains("larger than the padded input"), err.toString());
    }
}
