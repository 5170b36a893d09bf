package org.walle.stream.tunnel;

/** Batching, flow-control and retry settings of a {@link TunnelSender}. Immutable; change with the builder. */
public final class TunnelOptions {
    private final int maxBatchMessages;
    private final int maxBatchBytes;
    private final long lingerMillis;
    private final int maxInFlightMessages;
    private final int maxQueuedMessages;
    private final long initialBackoffMillis;
    private final long maxBackoffMillis;
    private final long ackTimeoutMillis;
    private final long connectTimeoutMillis;

    private TunnelOptions(Builder b) {
        this.maxBatchMessages = positive(b.maxBatchMessages, "maxBatchMessages");
        this.maxBatchBytes = positive(b.maxBatchBytes, "maxBatchBytes");
        this.lingerMillis = b.lingerMillis;
        this.maxInFlightMessages = positive(b.maxInFlightMessages, "maxInFlightMessages");
        this.maxQueuedMessages = positive(b.maxQueuedMessages, "maxQueuedMessages");
        this.initialBackoffMillis = positive(b.initialBackoffMillis, "initialBackoffMillis");
        this.maxBackoffMillis = positive(b.maxBackoffMillis, "maxBackoffMillis");
        this.ackTimeoutMillis = positive(b.ackTimeoutMillis, "ackTimeoutMillis");
        this.connectTimeoutMillis = positive(b.connectTimeoutMillis, "connectTimeoutMillis");
        if (b.lingerMillis < 0) {
            throw new IllegalArgumentException("lingerMillis must be >= 0, got " + b.lingerMillis);
        }
    }

    private static <T extends Number> T positive(T v, String name) {
        if (v.longValue() <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
        return v;
    }

    public static TunnelOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxBatchMessages() {
        return maxBatchMessages;
    }

    public int maxBatchBytes() {
        return maxBatchBytes;
    }

    public long lingerMillis() {
        return lingerMillis;
    }

    public int maxInFlightMessages() {
        return maxInFlightMessages;
    }

    public int maxQueuedMessages() {
        return maxQueuedMessages;
    }

    public long initialBackoffMillis() {
        return initialBackoffMillis;
    }

    public long maxBackoffMillis() {
        return maxBackoffMillis;
    }

    public long ackTimeoutMillis() {
        return ackTimeoutMillis;
    }

    public long connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** Defaults: 256 messages or 1 MiB per batch, 2 ms linger, 4096 in flight, 65536 queued, backoff 50 ms..5 s. */
    public static final class Builder {
        private int maxBatchMessages = 256;
        private int maxBatchBytes = 1 << 20;
        private long lingerMillis = 2;
        private int maxInFlightMessages = 4096;
        private int maxQueuedMessages = 65_536;
        private long initialBackoffMillis = 50;
        private long maxBackoffMillis = 5_000;
        private long ackTimeoutMillis = 10_000;
        private long connectTimeoutMillis = 5_000;

        public Builder maxBatchMessages(int v) {
            maxBatchMessages = v;
            return this;
        }

        public Builder maxBatchBytes(int v) {
            maxBatchBytes = v;
            return this;
        }

        public Builder lingerMillis(long v) {
            lingerMillis = v;
            return this;
        }

        public Builder maxInFlightMessages(int v) {
            maxInFlightMessages = v;
            return this;
        }

        public Builder maxQueuedMessages(int v) {
            maxQueuedMessages = v;
            return this;
        }

        public Builder backoffMillis(long initial, long max) {
            initialBackoffMillis = initial;
            maxBackoffMillis = max;
            return this;
        }

        public Builder ackTimeoutMillis(long v) {
            ackTimeoutMillis = v;
            return this;
        }

        public Builder connectTimeoutMillis(long v) {
            connectTimeoutMillis = v;
            return this;
        }

        public TunnelOptions build() {
            return new TunnelOptions(this);
        }
    }
}
