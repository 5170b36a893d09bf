package org.walle.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration caches per machine key and survives a corrupt cache file without losing it. */
class CalibrationTest {

    @Test
    void measuresOnceThenReadsTheCache(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/calibration.json");
        MachineSpeed first = Calibration.loadOrMeasure(file);
        assertTrue(first.gemmGflops1() > 0.1 && first.bandwidthGBps() > 0.1, first.toString());
        String text = Files.readString(file);
        assertTrue(text.contains(Calibration.machineKey().replace("\"", "\\\"")), text);
        // a hand-edited figure proves the second call reads the file instead of measuring
        Files.writeString(file, text.replaceFirst("\"bandwidthGBps\": [0-9.]+", "\"bandwidthGBps\": 123.5"));
        assertEquals(123.5, Calibration.loadOrMeasure(file).bandwidthGBps());
    }

    /** Hostile input: a truncated JSON file and an entry with a missing field. */
    @Test
    void corruptFileIsKeptAsideAndMachineMeasuredAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calibration.json");
        Files.writeString(file, "{\"x\": {\"a\": 1");
        MachineSpeed speed = Calibration.loadOrMeasure(file);
        assertTrue(speed.gemmGflopsAll() > 0);
        assertEquals("{\"x\": {\"a\": 1", Files.readString(dir.resolve("calibration.json.corrupt")));
        assertTrue(Files.readString(file).contains("gemmGflops1"));

        Files.writeString(file, "{\"" + Calibration.machineKey() + "\": {\"gemmGflops1\": 5}}");
        assertTrue(Calibration.loadOrMeasure(file).bandwidthGBps() > 0, "missing fields trigger a new measurement");
    }

    @Test
    void modelTimesFollowTheSpeeds() {
        Cost c = Cost.of(2e9, 1e9, 1);
        assertEquals(2.0 / 40 + 1.0 / 10, c.seconds(new MachineSpeed(40, 80, 2, 10), 1), 1e-12);
        assertEquals(2.0 / 80 + 1.0 / 10, c.seconds(new MachineSpeed(40, 80, 2, 10), 2), 1e-12);
    }

    @Test
    void streamingCostsCountEveryElement() {
        assertEquals(1000, CostModel.elementwise(1000, 2).flops());
        assertEquals(4.0 * 3000, CostModel.elementwise(1000, 2).bytes());
        assertEquals(4.0 * (24 + 8), CostModel.reduce(2, 3, 4).bytes());
        assertTrue(CostModel.softmax(1, 1000, 1).flops() > CostModel.reduce(1, 1000, 1).flops());
        assertEquals(6.0 * 20, CostModel.layerNorm(4, 5).flops());
        Cost pool = CostModel.pooling(PoolParams.of(1, 1, 4, 4, 3, 1, 1));
        assertEquals(16 * 9, pool.flops());
        assertEquals(4.0 * (16 + 16), pool.bytes());
    }
}
