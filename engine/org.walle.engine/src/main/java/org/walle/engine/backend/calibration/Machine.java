package org.walle.engine.backend.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What identifies the processor, for calibration keys. */
final class Machine {
    private Machine() {
    }

    /** The CPU model from /proc/cpuinfo, else the architecture and OS name. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch") + " " + System.getProperty("os.name");
    }
}
