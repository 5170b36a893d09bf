package org.walle.engine.simd.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.simd.Calibration;
import org.walle.engine.simd.MachineSpeed;

/**
 * The speeds a backend prices with: a missing cache is measured once and stored so the next process reads it; an
 * unwritable or corrupt cache never stops a session (hostile files: a cache path under a regular file, garbage).
 */
class SimdSpeedTest {
    private static final MachineSpeed FAKE = new MachineSpeed(12.5, 20.25, 2, 6.75);

    @Test
    void aMissingCacheIsMeasuredOnceAndStored(@TempDir Path dir) {
        Path file = dir.resolve("calibration.json");
        AtomicInteger measured = new AtomicInteger();
        assertEquals(FAKE, SimdSpeed.loadOrMeasure(file, () -> {
            measured.incrementAndGet();
            return FAKE;
        }));
        assertEquals(FAKE, Calibration.cached(file).orElseThrow(), "stored for the next process");
        assertEquals(FAKE, SimdSpeed.loadOrMeasure(file, () -> {
            throw new AssertionError("a cached machine must not be measured again");
        }));
        assertEquals(1, measured.get());
    }

    @Test
    void anUnwritableOrCorruptCacheStillGivesSpeeds(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        assertEquals(FAKE, SimdSpeed.loadOrMeasure(notADirectory.resolve("calibration.json"), () -> FAKE));
        Path corrupt = Files.writeString(dir.resolve("calibration.json"), "{ not json");
        assertEquals(FAKE, SimdSpeed.loadOrMeasure(corrupt, () -> FAKE));
        assertTrue(Files.exists(dir.resolve("calibration.json.corrupt")), "the unreadable file is kept aside");
    }
}
