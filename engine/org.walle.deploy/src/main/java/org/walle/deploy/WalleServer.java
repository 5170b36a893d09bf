package org.walle.deploy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ConnectionStatistics;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.walle.deploy.internal.bundle.BundleStore;
import org.walle.deploy.internal.bundle.ServerKey;
import org.walle.deploy.internal.bundle.TaskGit;
import org.walle.deploy.internal.http.HttpApi;
import org.walle.deploy.internal.service.AuthService;
import org.walle.deploy.internal.service.DeviceService;
import org.walle.deploy.internal.service.PolicyService;
import org.walle.deploy.internal.service.PublishService;
import org.walle.deploy.internal.service.RolloutService;
import org.walle.deploy.internal.service.ThresholdMonitor;
import org.walle.deploy.internal.store.Database;
import org.walle.deploy.internal.store.Stores;
import org.walle.deploy.model.Role;

/**
 * The deployment server, embeddable (the studio starts one on a local port) or standalone ({@code walle serve}).
 * Everything lives under the data directory: {@code db/} (H2, unless a JDBC URL is given), {@code git/} (one bare
 * repository per task), {@code bundles/} (content-addressed zips), {@code keys/} (the Ed25519 signing key) and
 * {@code admin.token} (the first admin token, written on first run, readable by the owner only).
 */
public final class WalleServer implements AutoCloseable {
    private final Server jetty;
    private final Database db;
    private final ThresholdMonitor monitor;
    private final HttpApi http;
    private final Path dataDir;
    private final int orphansRemoved;
    private DeviceService devices;

    private WalleServer(Server jetty, Database db, ThresholdMonitor monitor, HttpApi http, Path dataDir, int orphans) {
        this.jetty = jetty;
        this.db = db;
        this.monitor = monitor;
        this.http = http;
        this.dataDir = dataDir;
        this.orphansRemoved = orphans;
    }

    /** Starts on 127.0.0.1:{@code port} (0 = any free port) with the embedded H2 database. */
    public static WalleServer start(int port, Path dataDir) throws IOException {
        return start(new Options(port, dataDir));
    }

    /** Everything configurable; {@code jdbcUrl == null} means H2 under the data directory. */
    public record Options(String host, int port, Path dataDir, String jdbcUrl, long thresholdPeriodMs) {
        public Options(int port, Path dataDir) {
            this("127.0.0.1", port, dataDir, null, 250);
        }

        public Options withJdbcUrl(String url) {
            return new Options(host, port, dataDir, url, thresholdPeriodMs);
        }

        public Options withHost(String h) {
            return new Options(h, port, dataDir, jdbcUrl, thresholdPeriodMs);
        }
    }

    public static WalleServer start(Options o) throws IOException {
        if (o.port() < 0 || o.port() > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + o.port());
        }
        Path dir = Files.createDirectories(o.dataDir());
        Database db = o.jdbcUrl() == null ? Database.h2File(Files.createDirectories(dir.resolve("db")))
                : Database.open(o.jdbcUrl());
        try {
            Stores stores = Stores.over(db);
            ServerKey key = ServerKey.loadOrCreate(dir.resolve("keys"));
            PublishService publish = new PublishService(stores, new TaskGit(dir.resolve("git")),
                    new BundleStore(dir.resolve("bundles")), key);
            int orphans = publish.removeOrphanBundles();
            AuthService auth = new AuthService(stores);
            bootstrapAdmin(auth, dir.resolve("admin.token"));
            RolloutService rollouts = new RolloutService(stores);
            ThresholdMonitor monitor = new ThresholdMonitor(stores, rollouts, o.thresholdPeriodMs());
            DeviceService devices = new DeviceService(stores, auth, rollouts, monitor);
            HttpApi http = new HttpApi(stores, auth, publish, new PolicyService(stores), rollouts, devices,
                    version());
            QueuedThreadPool threads = new QueuedThreadPool(400, 8);
            threads.setName("walle-http");
            Server jetty = new Server(threads);
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost(o.host());
            connector.setPort(o.port());
            connector.setAcceptQueueSize(4096);
            connector.addBean(new ConnectionStatistics());
            jetty.addConnector(connector);
            jetty.setHandler(http.handler(jetty));
            jetty.setStopTimeout(2000);
            jetty.start();
            WalleServer server = new WalleServer(jetty, db, monitor, http, dir, orphans);
            server.devices = devices;
            return server;
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        } catch (Exception e) {
            db.close();
            throw new IOException("deployment server failed to start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    public URI url() {
        String host = ((ServerConnector) jetty.getConnectors()[0]).getHost();
        return URI.create("http://" + (host == null || host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port());
    }

    /** The admin token written on first run, if its file is still there. */
    public Optional<String> adminToken() throws IOException {
        Path f = dataDir.resolve("admin.token");
        return Files.exists(f) ? Optional.of(Files.readString(f).trim()) : Optional.empty();
    }

    /** Bundle files deleted at start because no committed release referred to them (a publish cut by a crash). */
    public int orphansRemovedAtStart() {
        return orphansRemoved;
    }

    /**
     * Counters for dashboards and the benchmark. {@code bytesSent} is every byte written to sockets (HTTP responses
     * and WebSocket frames, closed and open connections); {@code pushBytes} is the notice payload alone.
     */
    public record Stats(int connectedDevices, long pushFrames, long pushBytes, long bytesSent) {
    }

    public Stats stats() {
        ServerConnector c = (ServerConnector) jetty.getConnectors()[0];
        long sent = c.getBean(ConnectionStatistics.class).getSentBytes();
        for (EndPoint ep : c.getConnectedEndPoints()) {
            Connection conn = ep.getConnection();
            sent += conn == null ? 0 : Math.max(0, conn.getBytesOut());
        }
        return new Stats(http.hub().connected(), http.hub().framesSent(), http.hub().bytesSent(), sent);
    }

    public void stop() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the HTTP server failed: " + e.getMessage(), e);
        } finally {
            monitor.close();
            devices.close();
            db.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    static String version() {
        Package p = WalleServer.class.getPackage();
        return p.getImplementationVersion() == null ? "0.1.0" : p.getImplementationVersion();
    }

    /**
     * First run: an admin token. The file is written before the hash is committed, so a crash in between leaves a
     * file the next start commits instead of a committed token nobody knows.
     */
    private static void bootstrapAdmin(AuthService auth, Path file) throws IOException {
        if (auth.hasAnyToken()) {
            return;
        }
        String token = Files.exists(file) ? Files.readString(file).trim() : AuthService.newToken();
        if (!Files.exists(file)) {
            writeOwnerOnly(file, token);
        }
        auth.register(token, Role.ADMIN, "admin", null, "server");
    }

    private static void writeOwnerOnly(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text + "\n");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // non-POSIX file system
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
