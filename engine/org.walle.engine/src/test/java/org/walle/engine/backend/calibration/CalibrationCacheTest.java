package org.walle.engine.backend.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.backend.calibration.Calibrated.Change;
import org.walle.engine.backend.calibration.internal.FlatJson;

/** The calibration cache: best of repeats, provenance, the first-use probe, and hostile files. */
class CalibrationCacheTest {
    @TempDir
    Path dir;
    private Path file;
    private CalibrationCache cache;

    @BeforeEach
    void freshCache() {
        CalibrationCache.forgetObtained();
        file = dir.resolve("calibration.json");
        cache = new CalibrationCache(file);
    }

    private static FakeCalibrator fake(double[]... passes) {
        return new FakeCalibrator("fake|machine", List.of(passes));
    }

    @Test
    void aMissingEntryIsMeasuredAsTheBestOfEachFigureAndStoredReadably() throws Exception {
        FakeCalibrator c = fake(new double[] {10, 300}, new double[] {30, 200}, new double[] {20, 250});
        Calibrated got = cache.obtain(c);
        assertEquals(Change.MEASURED, got.change());
        assertEquals(3, c.measured);
        assertEquals(30, got.figure("gflops"), "the largest of the three passes");
        assertEquals(200, got.figure("launchUs"), "the smallest of the three passes: lower is faster");
        Map<String, Object> stored = FlatJson.parse(Files.readString(file)).get("fake|machine");
        assertEquals(30.0, stored.get("gflops"));
        assertEquals(3.0, stored.get("repeats"));
        assertEquals("dev-1", stored.get("device"));
        assertTrue(stored.get("measuredAt") instanceof String, stored.toString());
        assertTrue(stored.containsKey("loadAverage") && stored.containsKey("cores"), stored.toString());
        assertEquals(1, Files.readString(file).lines().filter(l -> l.contains("fake|machine")).count(),
                "one entry per line");
        assertTrue(got.provenance().contains("best of 3"), got.provenance());
    }

    @Test
    void aCachedEntryIsProbedOncePerProcessAndKeptWhenTheProbeIsNotMuchFaster() throws Exception {
        cache.obtain(fake(new double[] {40, 100}));
        CalibrationCache.forgetObtained();
        String before = Files.readString(file);
        FakeCalibrator c = fake();
        c.probeValue = 45; // 1.125x: noise, not a stale cache
        Calibrated got = cache.obtain(c);
        assertEquals(Change.CONFIRMED, got.change());
        assertEquals(0, c.measured);
        assertEquals(40, got.figure("gflops"));
        assertTrue(got.why().contains("probe gflops = 45"), got.why());
        assertEquals(before, Files.readString(file), "a confirmed entry is not rewritten");
        assertEquals(Change.CACHED, cache.obtain(c).change());
        assertEquals(1, c.probed, "the probe runs once per process");
    }

    @Test
    void aProbeMuchFasterThanTheCacheRecalibratesKeepingTheBestOfOldAndNew() {
        cache.obtain(fake(new double[] {20, 50})); // taken on a busy machine, except its launch figure
        CalibrationCache.forgetObtained();
        FakeCalibrator c = fake(new double[] {44, 90}, new double[] {46, 80}, new double[] {41, 85});
        c.probeValue = 43; // 2.15x the cached 20
        Calibrated got = cache.obtain(c);
        assertEquals(Change.RECALIBRATED, got.change());
        assertEquals(46, got.figure("gflops"));
        assertEquals(50, got.figure("launchUs"), "the old launch time was better and noise only slows down");
        assertEquals(20, got.previous().get("gflops"));
        assertEquals(46, cache.cached(c).orElseThrow().figure("gflops"), "stored");
    }

    @Test
    void anotherDeviceOrACalibrationTakenUnderHeavyLoadIsMeasuredAgain() throws Exception {
        cache.obtain(fake(new double[] {40, 100}));
        CalibrationCache.forgetObtained();
        FakeCalibrator other = fake(new double[] {5, 900});
        other.device = "dev-2";
        Calibrated got = cache.obtain(other);
        assertEquals(Change.MEASURED, got.change());
        assertEquals(5, got.figure("gflops"), "a new device replaces the old figures instead of keeping the best");
        assertTrue(got.why().contains("dev-2"), got.why());

        CalibrationCache.forgetObtained();
        String loaded = Files.readString(file).replaceAll("\"loadAverage\": [-0-9.]+", "\"loadAverage\": 1000");
        Files.writeString(file, loaded);
        FakeCalibrator again = fake(new double[] {7, 800});
        again.device = "dev-2";
        got = cache.obtain(again);
        assertEquals(Change.RECALIBRATED, got.change());
        assertTrue(got.why().contains("measured at load 1000.0"), got.why());
        assertEquals(0, again.probed);
    }

    /** Hostile input: a file that is not JSON, cut off mid-entry. */
    @Test
    void aCorruptFileIsMovedAsideWithAClearMessageAndMeasuredAgain() throws Exception {
        String garbage = "{\n  \"fake|machine\": {\"gflops\": 12,, \"launchUs\"";
        Files.writeString(file, garbage);
        FakeCalibrator c = fake(new double[] {33, 70});
        Calibrated got = cache.obtain(c);
        assertEquals(Change.MEASURED, got.change());
        assertEquals(33, got.figure("gflops"));
        Path aside = dir.resolve("calibration.json.corrupt");
        assertEquals(garbage, Files.readString(aside), "nothing is lost");
        String problem = cache.problem().orElseThrow();
        assertTrue(problem.contains("is not a calibration file") && problem.contains("line 2")
                && problem.contains(aside.toString()), problem);
        assertTrue(FlatJson.parse(Files.readString(file)).containsKey("fake|machine"), "a fresh file was written");
    }

    /** Hostile input: an entry with a missing figure, a negative one and a string where a number belongs. */
    @Test
    void unusableEntriesAreMeasuredAgainAndSayWhichFigureWasWrong() throws Exception {
        for (String entry : List.of("{\"launchUs\": 5}", "{\"gflops\": -3, \"launchUs\": 5}",
                "{\"gflops\": \"fast\", \"launchUs\": 5}", "{\"gflops\": 0, \"launchUs\": 5}")) {
            CalibrationCache.forgetObtained();
            Files.writeString(file, "{\"fake|machine\": " + entry + "}");
            FakeCalibrator c = fake(new double[] {9, 9});
            assertTrue(cache.cached(c).isEmpty(), entry);
            assertTrue(cache.problem().orElseThrow().contains("no usable gflops"), cache.problem().orElseThrow());
            assertEquals(Change.MEASURED, cache.obtain(c).change(), entry);
        }
    }

    @Test
    void otherEntriesSurviveAndAFailingProbeOrAnUnwritableFileNeverThrow() throws Exception {
        Files.writeString(file, "{\"cpu|other\": {\"gemmGflops1\": 45.84, \"measuredAt\": \"2026-11-29T11:00:09Z\"}}");
        cache.obtain(fake(new double[] {40, 100}));
        Map<String, Map<String, Object>> all = FlatJson.parse(Files.readString(file));
        assertEquals(45.84, all.get("cpu|other").get("gemmGflops1"));
        assertEquals("2026-11-29T11:00:09Z", all.get("cpu|other").get("measuredAt"));

        CalibrationCache.forgetObtained();
        FakeCalibrator c = fake();
        c.probeFailure = new IllegalStateException("device lost");
        Calibrated got = cache.obtain(c);
        assertEquals(Change.CONFIRMED, got.change());
        assertTrue(got.why().contains("device lost"), got.why());

        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        CalibrationCache unwritable = new CalibrationCache(blocker.resolve("calibration.json"));
        Calibrated measured = unwritable.obtain(fake(new double[] {8, 8}));
        assertEquals(8, measured.figure("gflops"), "the process keeps what it measured");
        assertTrue(unwritable.problem().orElseThrow().contains("not cached"), unwritable.problem().orElseThrow());
        assertFalse(Files.isDirectory(blocker));
    }

    @Test
    void aForcedCalibrationReplacesTheFiguresAndReportsThePreviousOnes() {
        cache.obtain(fake(new double[] {40, 100}));
        Calibrated got = cache.recalibrate(fake(new double[] {30, 120}), false, "forced");
        assertEquals(Change.RECALIBRATED, got.change());
        assertEquals(30, got.figure("gflops"), "forced: the new figures even when slower");
        assertEquals(40, got.previous().get("gflops"));
        assertEquals("forced", got.why());
    }
}
