package org.walle.stream.tunnel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.walle.stream.tunnel.internal.Frames;

/**
 * The device end of the tunnel: one long-lived TLS connection to the receiver. {@link #send} queues a message and
 * gives it the next sequence number; a sender thread batches queued messages, deflates each batch and writes it; a
 * reader thread takes acknowledgements. Unacknowledged messages stay queued: after a broken connection the sender
 * reconnects with exponential backoff and jitter and resends them (at-least-once on the wire; the receiver drops
 * repeats). Sequence numbers belong to a stream id chosen per sender instance.
 */
public final class TunnelSender implements AutoCloseable {
    private final String host;
    private final int port;
    private final SSLContext tls;
    private final String deviceId;
    private final String streamId = UUID.randomUUID().toString();
    private final TunnelOptions options;

    private final Object lock = new Object();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long nextSeq = 1;
    private long acked;
    private long sentUpTo;
    private long lastAckNanos = System.nanoTime();
    private volatile boolean closed;
    private volatile String lastError;
    private long connects;
    private long retransmitted;
    private SSLSocket socket;
    private Thread io;

    public TunnelSender(String host, int port, SSLContext tls, String deviceId, TunnelOptions options) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.tls = Objects.requireNonNull(tls, "tls");
        if (deviceId == null || deviceId.isEmpty()) {
            throw new IllegalArgumentException("deviceId must be non-empty");
        }
        this.deviceId = deviceId;
        this.options = Objects.requireNonNull(options, "options");
    }

    public TunnelSender start() {
        synchronized (lock) {
            if (io != null) {
                throw new IllegalStateException("already started");
            }
            io = new Thread(this::connectLoop, "tunnel-sender-" + deviceId);
            io.setDaemon(true);
            io.start();
        }
        return this;
    }

    /** Queues a message; blocks while {@link TunnelOptions#maxQueuedMessages()} are unacknowledged. */
    public long send(byte[] payload) throws InterruptedException {
        if (payload.length > options.maxBatchBytes()) {
            throw new IllegalArgumentException("message of " + payload.length + " bytes exceeds the batch limit of "
                    + options.maxBatchBytes());
        }
        synchronized (lock) {
            while (pending.size() >= options.maxQueuedMessages() && !closed) {
                lock.wait();
            }
            if (closed) {
                throw new IllegalStateException("sender is closed");
            }
            long seq = nextSeq++;
            pending.addLast(new Pending(seq, payload.clone()));
            lock.notifyAll();
            return seq;
        }
    }

    /** Waits until the receiver stored everything up to {@code seq}; false on timeout. */
    public boolean awaitAcked(long seq, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (acked < seq) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    public long ackedUpTo() {
        synchronized (lock) {
            return acked;
        }
    }

    public String streamId() {
        return streamId;
    }

    /** Successful connections so far (1 + reconnects). */
    public long connects() {
        synchronized (lock) {
            return connects;
        }
    }

    /** Messages sent more than once because a connection broke before their acknowledgement. */
    public long retransmitted() {
        synchronized (lock) {
            return retransmitted;
        }
    }

    /** The last connection problem, for diagnostics (null while all is well). */
    public String lastError() {
        return lastError;
    }

    private void connectLoop() {
        long backoff = options.initialBackoffMillis();
        while (!closed) {
            try {
                SSLSocket s = connect();
                backoff = options.initialBackoffMillis();
                lastError = null;
                runConnection(s);
            } catch (IOException | RuntimeException e) {
                lastError = e.toString();
            } catch (InterruptedException e) {
                return;
            } finally {
                closeSocket();
            }
            if (closed) {
                return;
            }
            try {
                long jitter = ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
                Thread.sleep(backoff / 2 + jitter); // jitter keeps a fleet from reconnecting in lockstep
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, options.maxBackoffMillis());
        }
    }

    private SSLSocket connect() throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket();
        synchronized (lock) {
            socket = s;
        }
        s.connect(new InetSocketAddress(host, port), (int) options.connectTimeoutMillis());
        s.setTcpNoDelay(true);
        s.setEnabledProtocols(new String[] {TunnelTls.PROTOCOL});
        SSLParameters params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host we dialled
        s.setSSLParameters(params);
        s.startHandshake();
        return s;
    }

    private void runConnection(SSLSocket s) throws IOException, InterruptedException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 64 * 1024));
        Frames.write(out, Frames.HELLO, Frames.hello(deviceId, streamId));
        onAck(readAck(in));
        synchronized (lock) {
            connects++;
            retransmitted += Math.max(0, sentUpTo - acked);
            sentUpTo = acked; // resend everything not acknowledged
            lastAckNanos = System.nanoTime();
        }
        Thread reader = new Thread(() -> readAcks(in), "tunnel-acks-" + deviceId);
        reader.setDaemon(true);
        reader.start();
        try {
            while (!closed) {
                Outgoing batch = nextBatch();
                if (batch == null) {
                    return; // connection declared dead or sender closed
                }
                Frames.write(out, Frames.BATCH, Frames.batch(batch.firstSeq, batch.messages));
            }
        } finally {
            closeSocket();
            reader.join(1000);
        }
    }

    /** Waits for unsent messages (lingering briefly to fill a batch); null when the connection must be dropped. */
    private Outgoing nextBatch() throws InterruptedException {
        synchronized (lock) {
            long lingerUntil = 0;
            while (true) {
                if (closed || socket == null || socket.isClosed()) {
                    return null;
                }
                long inFlight = sentUpTo - acked;
                if (inFlight > 0 && System.nanoTime() - lastAckNanos > TimeUnit.MILLISECONDS.toNanos(
                        options.ackTimeoutMillis())) {
                    lastError = "no acknowledgement for " + options.ackTimeoutMillis() + " ms; reconnecting";
                    return null;
                }
                long unsent = nextSeq - 1 - sentUpTo;
                if (unsent > 0 && inFlight < options.maxInFlightMessages()) {
                    if (lingerUntil == 0) {
                        lingerUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.lingerMillis());
                    }
                    if (unsent >= options.maxBatchMessages() || System.nanoTime() >= lingerUntil) {
                        return takeUnsent();
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, Math.max(1, lingerUntil - System.nanoTime()));
                } else {
                    lock.wait(Math.max(1, options.ackTimeoutMillis() / 4));
                }
            }
        }
    }

    /** Takes the next unsent messages (caller holds the lock) and counts them as sent. */
    private Outgoing takeUnsent() {
        List<byte[]> batch = new ArrayList<>();
        long bytes = 0;
        for (Pending p : pending) {
            if (p.seq <= sentUpTo) {
                continue;
            }
            if (batch.size() == options.maxBatchMessages()
                    || (!batch.isEmpty() && bytes + p.payload.length > options.maxBatchBytes())) {
                break;
            }
            batch.add(p.payload);
            bytes += p.payload.length;
        }
        Outgoing out = new Outgoing(sentUpTo + 1, batch);
        sentUpTo += batch.size();
        return out;
    }

    private void readAcks(DataInputStream in) {
        try {
            while (!closed) {
                onAck(readAck(in));
            }
        } catch (IOException e) {
            closeSocket(); // wakes the writer, which reconnects
        }
    }

    private static long readAck(DataInputStream in) throws IOException {
        Frames.Frame frame = Frames.read(in);
        if (frame.type != Frames.ACK) {
            throw new IOException("expected ACK, got frame type " + frame.type);
        }
        return new DataInputStream(new ByteArrayInputStream(frame.body)).readLong();
    }

    private void onAck(long watermark) {
        synchronized (lock) {
            if (watermark > acked) {
                acked = Math.min(watermark, nextSeq - 1);
                while (!pending.isEmpty() && pending.peekFirst().seq <= acked) {
                    pending.pollFirst();
                }
            }
            lastAckNanos = System.nanoTime();
            lock.notifyAll();
        }
    }

    private void closeSocket() {
        SSLSocket s;
        synchronized (lock) {
            s = socket;
            socket = null;
            lock.notifyAll();
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already broken
            }
        }
    }

    /** Stops sending; unacknowledged messages are abandoned (check {@link #ackedUpTo()} first). */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        closeSocket();
        Thread t;
        synchronized (lock) {
            lock.notifyAll();
            t = io;
        }
        if (t != null) {
            t.interrupt();
            t.join(5000);
        }
    }

    private static final class Outgoing {
        final long firstSeq;
        final List<byte[]> messages;

        Outgoing(long firstSeq, List<byte[]> messages) {
            this.firstSeq = firstSeq;
            this.messages = messages;
        }
    }

    private static final class Pending {
        final long seq;
        final byte[] payload;

        Pending(long seq, byte[] payload) {
            this.seq = seq;
            this.payload = payload;
        }
    }
}
