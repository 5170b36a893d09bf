package org.walle.engine.opencl.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.calibration.Calibrated;
import org.walle.engine.backend.calibration.CalibrationCache;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.opencl.OpenCl;

/**
 * With this machine's OpenCL calibration cached, the backend prices commands without opening a context; it opens
 * (and checks the entry with its probe) only when an execution is made, and a stale entry is measured again then.
 * A missing device fails (CI installs PoCL).
 */
class OpenClDeferredTest {
    @TempDir
    Path dir;
    private String oldProperty;
    private Path file;

    @BeforeEach
    void tempCache() {
        assertTrue(OpenCl.isAvailable(), () -> "no OpenCL device (install pocl-opencl-icd): " + OpenCl.unavailableReason());
        oldProperty = System.getProperty("walle.calibration.file");
        file = dir.resolve("calibration.json");
        System.setProperty("walle.calibration.file", file.toString());
        CalibrationCache.forgetObtained();
    }

    @AfterEach
    void restore() {
        if (oldProperty == null) {
            System.clearProperty("walle.calibration.file");
        } else {
            System.setProperty("walle.calibration.file", oldProperty);
        }
        CalibrationCache.forgetObtained();
    }

    private static Command matMul(DeviceHarness h) {
        return h.command(AtomicOp.MATMUL, List.of(h.tensor("A", 64, 32), h.tensor("B", 32, 48)),
                List.of(h.tensor("C", 64, 48)), Params.MatMul.plain(64, 48, 32));
    }

    @Test
    void withoutACachedEntryTheBackendOpensAndCalibratesThenLaterOnesDefer() throws Exception {
        assertTrue(OpenClBackend.cachedCalibration().isEmpty());
        try (OpenClBackend first = OpenClBackend.deferred()) {
            assertTrue(first.isOpen(), "no cached speeds: it must open the device to measure them");
        }
        String entry = Files.readString(file);
        assertTrue(entry.contains("opencl|") && entry.contains("blockedGflops") && entry.contains("\"device\"")
                && entry.contains("loadAverage"), entry);
        assertEquals(java.util.Optional.empty(), new OpenClBackendProvider().unavailableReason());

        CalibrationCache.forgetObtained(); // as a new process
        try (OpenClBackend later = OpenClBackend.deferred()) {
            assertFalse(later.isOpen());
            Creation created = later.onCreate(matMul(new DeviceHarness()));
            List<Algorithm> ways = ((Creation.Supported) created).algorithms();
            assertEquals(3, ways.size(), "the tiled GEMM is offered from the cached work-group limit");
            assertTrue(ways.stream().allMatch(a -> a.estimatedSeconds() > 0));
            assertTrue(later.overheadSeconds() > 0 && later.copySeconds(1 << 20) > 0);
            later.onResize(List.of());
            assertFalse(later.isOpen(), "estimating, pricing copies and an empty plan need no context");
            ways.get(0).create();
            assertTrue(later.isOpen(), "making an execution opens the device");
            Calibrated checked = CalibrationCache.standard().obtain(new DeviceCalibrator(null));
            assertEquals(Calibrated.Change.CACHED, checked.change(), "the open already checked the entry");
        }
    }

    @Test
    void aStaleEntryIsMeasuredAgainWhenTheDeviceOpens() throws Exception {
        OpenClBackend.calibrate(CalibrationCache.standard(), false).figures();
        double measured = CalibrationCache.standard().cached(new DeviceCalibrator(null)).orElseThrow()
                .figure(DeviceCalibrator.BLOCKED);
        Files.writeString(file, Files.readString(file).replaceAll("\"blockedGflops\": [0-9.eE+-]+",
                "\"blockedGflops\": 0.001"));
        CalibrationCache.forgetObtained();
        try (OpenClBackend b = OpenClBackend.deferred()) {
            assertEquals(1e6, b.speed().blockedFlopsPerSecond(), 1, "priced from the (stale) cache");
            b.device();
            assertTrue(b.speed().blockedFlopsPerSecond() > 1e8, "re-measured on open: " + b.speed());
        }
        double now = CalibrationCache.standard().cached(new DeviceCalibrator(null)).orElseThrow()
                .figure(DeviceCalibrator.BLOCKED);
        assertTrue(now > 0.1 && now >= measured / 4, "stored again: " + now + " (first " + measured + ")");
    }
}
