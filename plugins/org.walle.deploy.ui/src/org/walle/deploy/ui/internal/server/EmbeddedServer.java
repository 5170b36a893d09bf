package org.walle.deploy.ui.internal.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.walle.deploy.WalleServer;

/**
 * The deployment server the studio runs in its own JVM on 127.0.0.1. Start and stop are serialised; every change of
 * state is written to the server log and announced to the listeners (on the calling thread: UI code must hop to
 * the display thread itself).
 */
public final class EmbeddedServer implements ServerEntry {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private WalleServer server;
    private volatile ServerState state = ServerState.STOPPED;
    private volatile String detail = "";
    private volatile ServerCounts counts;
    private volatile URI url;
    private volatile ServerLog log;
    private boolean shutDown;

    @Override
    public String name() {
        return "Embedded server";
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public ServerState state() {
        return state;
    }

    @Override
    public String detail() {
        return detail;
    }

    @Override
    public ServerCounts counts() {
        return counts;
    }

    /** The log of the last start (or {@code null} before the first one). */
    public ServerLog log() {
        return log;
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** Starts on the configured port; a busy port is an error (the user asked for exactly that port). */
    public synchronized void start(ServerSettings settings) throws ServerStartException {
        startOn(settings, settings.port());
    }

    /**
     * Start at studio launch: nobody is waiting on a button, so a busy port falls back to any free port (and the
     * log says so) rather than leaving the studio without a server.
     */
    public synchronized void autostart(ServerSettings settings) throws ServerStartException {
        int port = settings.port();
        if (port != 0 && !isPortFree(port)) {
            logTo(settings).info("port " + port + " is busy at studio start; using any free port instead");
            port = 0;
        }
        startOn(settings, port);
    }

    private void startOn(ServerSettings settings, int port) throws ServerStartException {
        if (state == ServerState.RUNNING || shutDown) {
            return;
        }
        ServerLog target = logTo(settings);
        setState(ServerState.STARTING, "");
        target.info("starting on 127.0.0.1:" + port + " with data in " + settings.dataDir().toAbsolutePath());
        try {
            JdbcDrivers.register();
            server = WalleServer.start(new WalleServer.Options(port, settings.dataDir()));
        } catch (IOException | RuntimeException | LinkageError e) {
            boolean busy = causedBy(e, BindException.class);
            String why = busy ? "port " + port + " is already in use"
                    : e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            target.error("start failed: " + why, e);
            server = null;
            url = null;
            setState(ServerState.FAILED, why);
            throw new ServerStartException("The deployment server could not start on 127.0.0.1:" + port + ": " + why,
                    e, busy);
        }
        url = server.url();
        target.info("listening on " + url + " (admin token in " + settings.dataDir().resolve("admin.token") + ")");
        setState(ServerState.RUNNING, "");
    }

    /** Studio exit: stops the server, and a start job that only gets to run afterwards does nothing. */
    public synchronized void shutdown() {
        shutDown = true;
        stop();
    }

    /** Stops the server and releases its port; stopping a stopped server does nothing. */
    public synchronized void stop() {
        if (server == null) {
            if (state == ServerState.FAILED) {
                setState(ServerState.STOPPED, "");
            }
            return;
        }
        setState(ServerState.STOPPING, "");
        try {
            server.stop();
            log.info("stopped; port " + url.getPort() + " released");
        } catch (RuntimeException e) {
            log.error("stop failed", e);
            throw e;
        } finally {
            server = null;
            url = null;
            counts = null;
            setState(ServerState.STOPPED, "");
        }
    }

    @Override
    public java.util.Optional<String> token() {
        WalleServer running;
        synchronized (this) {
            running = server;
        }
        try {
            return running == null ? java.util.Optional.empty() : running.adminToken();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void refresh() {
        WalleServer running;
        synchronized (this) {
            running = server;
        }
        if (running == null) {
            return;
        }
        try {
            String token = running.adminToken().orElseThrow(
                    () -> new IOException("admin.token is missing from the data directory"));
            counts = ServerCounts.fetch(running.url(), token);
            detail = "";
        } catch (IOException | RuntimeException e) {
            detail = "counts unavailable: " + e.getMessage();
        }
        fire();
    }

    /** True when nothing listens on 127.0.0.1:{@code port} (the embedded server's interface). */
    public static boolean isPortFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private ServerLog logTo(ServerSettings settings) {
        ServerLog l = new ServerLog(settings.dataDir());
        log = l;
        return l;
    }

    private void setState(ServerState newState, String why) {
        state = newState;
        detail = why;
        fire();
    }

    private void fire() {
        for (Runnable l : listeners) {
            l.run();
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
