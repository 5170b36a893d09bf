package org.walle.engine.simd.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Data-cache sizes of this machine (Linux sysfs), with conservative defaults elsewhere; the GEMM tiling uses them. */
public record CacheSizes(int l1Bytes, int l2Bytes) {

    public static final CacheSizes DEFAULT = new CacheSizes(32 * 1024, 512 * 1024);

    private static final CacheSizes DETECTED = detect();

    public static CacheSizes detected() {
        return DETECTED;
    }

    private static CacheSizes detect() {
        int l1 = DEFAULT.l1Bytes();
        int l2 = DEFAULT.l2Bytes();
        for (int index = 0; index < 6; index++) {
            Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache/index" + index);
            try {
                String type = Files.readString(dir.resolve("type")).trim();
                int level = Integer.parseInt(Files.readString(dir.resolve("level")).trim());
                int size = parseSize(Files.readString(dir.resolve("size")).trim());
                if (level == 1 && type.equals("Data")) {
                    l1 = size;
                } else if (level == 2 && !type.equals("Instruction")) {
                    l2 = size;
                }
            } catch (IOException | RuntimeException e) {
                // no sysfs (other OS, container without it): keep the defaults
            }
        }
        return new CacheSizes(l1, l2);
    }

    static int parseSize(String text) {
        String t = text.toUpperCase();
        if (t.endsWith("K")) {
            return Integer.parseInt(t.substring(0, t.length() - 1)) * 1024;
        }
        if (t.endsWith("M")) {
            return Integer.parseInt(t.substring(0, t.length() - 1)) * 1024 * 1024;
        }
        return Integer.parseInt(t);
    }
}
