package org.walle.engine;

import java.nio.file.Path;

/**
 * The folder of Walle's per-user files (calibration cache, compiled OpenCL programs, tunnel certificates): the
 * system property {@value #PROPERTY} when set, else {@code ~/.walle}. The build's tests set it to a folder under
 * {@code target/}, so a test run never reads or overwrites the user's own files.
 */
public final class WalleHome {

    public static final String PROPERTY = "walle.home";

    private WalleHome() {
    }

    public static Path dir() {
        String override = System.getProperty(PROPERTY);
        return override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".walle");
    }

    /** A file or folder in {@link #dir()}. */
    public static Path resolve(String name) {
        return dir().resolve(name);
    }
}
