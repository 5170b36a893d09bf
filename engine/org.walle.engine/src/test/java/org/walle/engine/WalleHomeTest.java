package org.walle.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.walle.engine.backend.calibration.CalibrationCache;

class WalleHomeTest {

    private static final Path USERS_OWN = Path.of(System.getProperty("user.home"), ".walle");

    @Test
    void testRunsKeepTheirFilesOutOfTheUsersHome() {
        // the build sets walle.home for every test JVM: a test that calibrates or compiles OpenCL programs must not
        // overwrite the calibration a user's studio and CLI rely on
        assertNotNull(System.getProperty(WalleHome.PROPERTY), "the test JVM runs without -Dwalle.home");
        assertFalse(WalleHome.dir().toAbsolutePath().startsWith(USERS_OWN), WalleHome.dir().toString());
        assertFalse(CalibrationCache.defaultFile().toAbsolutePath().startsWith(USERS_OWN),
                CalibrationCache.defaultFile().toString());
    }

    @Test
    void thePropertyChoosesTheFolderAndABlankOneFallsBackToTheUsersHome() {
        String before = System.getProperty(WalleHome.PROPERTY);
        try {
            System.setProperty(WalleHome.PROPERTY, "/tmp/some-walle-home");
            assertEquals(Path.of("/tmp/some-walle-home", "calibration.json"), WalleHome.resolve("calibration.json"));
            System.setProperty(WalleHome.PROPERTY, " ");
            assertEquals(USERS_OWN, WalleHome.dir());
            System.clearProperty(WalleHome.PROPERTY);
            assertEquals(USERS_OWN.resolve("opencl-cache"), WalleHome.resolve("opencl-cache"));
        } finally {
            if (before == null) {
                System.clearProperty(WalleHome.PROPERTY);
            } else {
                System.setProperty(WalleHome.PROPERTY, before);
            }
        }
    }
}
