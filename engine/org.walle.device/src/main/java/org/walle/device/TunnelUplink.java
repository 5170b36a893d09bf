package org.walle.device;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;

import org.walle.stream.tunnel.TunnelOptions;
import org.walle.stream.tunnel.TunnelSender;

/**
 * Sends outputs through the stream tunnel (TLS, batched, compressed, acknowledged, de-duplicated). A single device
 * uses one connection named after itself; a fleet multiplexes its devices over a few connections (device
 * {@code d} always uses connection {@code hash(d) mod n}) because one TLS connection and two threads per emulated
 * device would not fit 10,000 devices in one JVM. Payloads name their device, so the receiver can attribute them.
 * Connections open lazily, on the first message that needs one.
 */
public final class TunnelUplink implements OutputUplink {
    private final String host;
    private final int port;
    private final SSLContext tls;
    private final String name;
    private final TunnelOptions options;
    private final TunnelSender[] senders;
    private final long[] lastSeq;
    private final AtomicLong messages = new AtomicLong();

    /**
     * @param name        sender id on the tunnel (the device id for a single device, a fleet id for a fleet)
     * @param connections how many tunnel connections to spread devices over (>= 1)
     */
    public TunnelUplink(String host, int port, SSLContext tls, String name, int connections, TunnelOptions options) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be >= 1, got " + connections);
        }
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.name = name;
        this.options = options;
        this.senders = new TunnelSender[connections];
        this.lastSeq = new long[connections];
    }

    @Override
    public void send(String deviceId, byte[] payload) throws InterruptedException {
        int k = Math.floorMod(deviceId.hashCode(), senders.length);
        TunnelSender s = sender(k);
        long seq = s.send(payload);
        synchronized (lastSeq) {
            lastSeq[k] = Math.max(lastSeq[k], seq);
        }
        messages.incrementAndGet();
    }

    private synchronized TunnelSender sender(int k) {
        if (senders[k] == null) {
            String id = senders.length == 1 ? name : name + "-" + k;
            senders[k] = new TunnelSender(host, port, tls, id, options).start();
        }
        return senders[k];
    }

    @Override
    public boolean flush(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (int k = 0; k < senders.length; k++) {
            TunnelSender s;
            long seq;
            synchronized (this) {
                s = senders[k];
            }
            synchronized (lastSeq) {
                seq = lastSeq[k];
            }
            if (s != null && !s.awaitAcked(seq, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    /** Messages handed to the tunnel so far. */
    public long messagesSent() {
        return messages.get();
    }

    /** Open tunnel connections (senders started). */
    public synchronized int connectionsOpened() {
        int n = 0;
        for (TunnelSender s : senders) {
            n += s == null ? 0 : 1;
        }
        return n;
    }

    @Override
    public synchronized void close() throws InterruptedException {
        for (int k = 0; k < senders.length; k++) {
            if (senders[k] != null) {
                senders[k].close();
                senders[k] = null;
            }
        }
    }
}
