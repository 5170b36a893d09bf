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
    void calibrateMeasuresThenReadsTheCacheAndForceMeasuresAgain() throws Exception {
        Path file = dir.resolve("cal.json");
        assertEquals(0, walle("calibrate", "--file", file.toString()), err.toString());
        assertTrue(out.toString().contains("measuring"), out.toString());
        assertTrue(out.toString().contains("GFLOP/s on 1 thread"), out.toString());
        assertTrue(Files.readString(file).contains("gemmGflops1"));
        out.getBuffer().setLength(0);
        assertEquals(0, walle("calibrate", "--file", file.toString()));
        assertTrue(out.toString().contains("reading"), out.toString());
        String before = Files.readString(file);
        assertEquals(0, walle("calibrate", "--file", file.toString(), "--force"));
        assertNotEquals(before, Files.readString(file), "a forced run writes a new measurement");
    }

    @Test
    void convAlgorithmsListsEveryAlgorithmWithReasonsAndAChoice() {
        Path file = dir.resolve("cal.json");
        assertEquals(0, walle("conv-algorithms", "--shape", "1,8,20,20", "--out-channels", "8", "--stride", "2",
                "--measure", "--threads", "1", "--calibration", file.toString()), err.toString());
        String text = out.toString();
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
