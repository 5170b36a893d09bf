package org.walle.stream.tunnel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.walle.stream.tunnel.internal.Frames;

/**
 * The cloud end of the tunnel, a reusable component (the deployment server hosts it): accepts TLS connections from
 * devices, stores each batch in a {@link ReceiverStore} (durably, de-duplicated) and acknowledges the stored
 * watermark. One thread per connection; connections are long-lived.
 */
public final class TunnelReceiver implements AutoCloseable {
    private final ReceiverStore store;
    private final SSLContext tls;
    private final InetAddress bindAddress;
    private final int requestedPort;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong protocolErrors = new AtomicLong();
    private SSLServerSocket server;
    private ExecutorService workers;

    /** @param port the port to listen on, 0 for any free one (see {@link #port()}) */
    public TunnelReceiver(ReceiverStore store, SSLContext tls, InetAddress bindAddress, int port) {
        this.store = Objects.requireNonNull(store, "store");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.requestedPort = port;
    }

    /** Listens on 127.0.0.1. */
    public TunnelReceiver(ReceiverStore store, SSLContext tls, int port) {
        this(store, tls, InetAddress.getLoopbackAddress(), port);
    }

    public synchronized TunnelReceiver start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        SSLServerSocket socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true); // a restarted receiver takes its port back at once
        socket.setEnabledProtocols(new String[] {TunnelTls.PROTOCOL});
        socket.bind(new InetSocketAddress(bindAddress, requestedPort), 128);
        server = socket;
        workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tunnel-receiver");
            t.setDaemon(true);
            return t;
        });
        workers.execute(this::acceptLoop);
        return this;
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getLocalPort();
    }

    private void acceptLoop() {
        SSLServerSocket socket;
        synchronized (this) {
            socket = server;
        }
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                workers.execute(() -> serve(connection));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (Socket c = connection) {
            SSLSocket ssl = (SSLSocket) c;
            ssl.setTcpNoDelay(true);
            if (handshake(ssl)) {
                converse(ssl);
            }
        } catch (IOException e) {
            // closing a connection that already failed: nothing left to report
        } finally {
            connections.remove(connection);
        }
    }

    /** Counts a refused handshake (untrusted peer, garbage instead of TLS) before the socket closes. */
    private boolean handshake(SSLSocket ssl) {
        try {
            ssl.startHandshake();
            return true;
        } catch (IOException e) {
            protocolErrors.incrementAndGet();
            return false;
        }
    }

    private void converse(SSLSocket ssl) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(ssl.getInputStream(), 64 * 1024));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(ssl.getOutputStream()));
            Frames.Frame hello = Frames.read(in);
            if (hello.type != Frames.HELLO) {
                throw new IOException("expected HELLO, got frame type " + hello.type);
            }
            DataInputStream h = new DataInputStream(new ByteArrayInputStream(hello.body));
            String deviceId = h.readUTF();
            String streamId = h.readUTF();
            Frames.write(out, Frames.ACK, Frames.ack(store.watermark(deviceId, streamId)));
            while (true) {
                Frames.Frame frame = Frames.read(in);
                if (frame.type != Frames.BATCH) {
                    throw new IOException("expected BATCH, got frame type " + frame.type);
                }
                Frames.Batch batch = Frames.decodeBatch(frame.body);
                long mark = store.store(deviceId, streamId, batch.firstSeq, batch.messages);
                batches.incrementAndGet();
                Frames.write(out, Frames.ACK, Frames.ack(mark));
            }
        } catch (java.io.EOFException | SocketException e) {
            // the device went away or we are stopping; it reconnects and resends what was not acknowledged
        } catch (IOException | RuntimeException e) {
            protocolErrors.incrementAndGet(); // bad peer: drop the connection, keep serving others
        }
    }

    /** Batches stored (including those that turned out to be duplicates). */
    public long batchesReceived() {
        return batches.get();
    }

    /** Connections dropped because the peer broke the protocol or the handshake failed. */
    public long protocolErrors() {
        return protocolErrors.get();
    }

    public int openConnections() {
        return connections.size();
    }

    public ReceiverStore store() {
        return store;
    }

    /** Stops listening and cuts every connection; the store stays open (its owner closes it). */
    @Override
    public synchronized void close() throws IOException {
        if (server == null) {
            return;
        }
        server.close();
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        // no shutdownNow: interrupting a worker inside FileChannel.force would close the store's channel
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }
}
