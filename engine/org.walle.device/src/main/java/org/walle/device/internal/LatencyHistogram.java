package org.walle.device.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Lock-free latency histogram over logarithmic buckets (about 9 % wide) from 1 µs to ~1 hour: constant memory
 * however many samples a fleet records, and percentiles good to one bucket.
 */
public final class LatencyHistogram {
    private static final double GROWTH = 1.09;
    private static final int BUCKETS = 260;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(long nanos) {
        double micros = Math.max(1, nanos / 1000.0);
        int b = (int) Math.min(BUCKETS - 1, Math.floor(Math.log(micros) / Math.log(GROWTH)));
        counts.incrementAndGet(b);
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The {@code q}-quantile (0..1) in milliseconds (upper bucket edge); 0 when empty. */
    public double quantileMillis(double q) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= Math.max(1, rank)) {
                return Math.pow(GROWTH, i + 1) / 1000.0;
            }
        }
        return Math.pow(GROWTH, BUCKETS) / 1000.0;
    }
}
