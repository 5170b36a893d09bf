package org.walle.deploy.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable percentage buckets: SHA-256(deviceId + '/' + salt) mapped to [0, 10000). A device is in p% when its bucket
 * is below p*100. The hash is uniform, so p% of a large fleet lands in; the same device always gets the same bucket
 * for a salt, so a gray step from 1% to 5% keeps the first 1%.
 */
public final class StableBucket {
    public static final int BUCKETS = 10_000;

    private StableBucket() {
    }

    public static int bucket(String deviceId, String salt) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((deviceId + "/" + salt).getBytes(StandardCharsets.UTF_8));
            long v = ((h[0] & 0xFFL) << 24) | ((h[1] & 0xFFL) << 16) | ((h[2] & 0xFFL) << 8) | (h[3] & 0xFFL);
            return (int) (v % BUCKETS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    public static boolean inPercent(String deviceId, String salt, double percent) {
        return bucket(deviceId, salt) < Math.round(percent * (BUCKETS / 100.0));
    }
}
