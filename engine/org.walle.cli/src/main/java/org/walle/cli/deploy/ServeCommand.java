package org.walle.cli.deploy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.walle.deploy.WalleServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code walle serve}: runs the deployment server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the deployment server (REST /api/v1, devices /device/v1, WebSocket push).")
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 = any free port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data", defaultValue = "walle-data", description = "Data directory (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--jdbc", description = "JDBC URL of a PostgreSQL database instead of the embedded H2 file database.")
    String jdbc;

    @Option(names = "--for-seconds", defaultValue = "0", description = "Stop after this many seconds (0 = run until killed).")
    long forSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println("starting the deployment server (data " + data.toAbsolutePath() + ") ...");
        out.flush();
        WalleServer server = WalleServer.start(new WalleServer.Options(host, port, data, jdbc, 250));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "walle-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("walle deployment server listening on " + server.url());
        out.println("OpenAPI: " + server.url() + "/api/v1/openapi.json");
        out.println("admin token file: " + data.resolve("admin.token").toAbsolutePath()
                + (server.orphansRemovedAtStart() > 0 ? " (removed " + server.orphansRemovedAtStart()
                        + " unfinished bundle files from a previous crash)" : ""));
        out.flush();
        if (forSeconds > 0) {
            stopped.await(forSeconds, TimeUnit.SECONDS);
            Runtime.getRuntime().removeShutdownHook(hook);
            server.stop();
            out.println("stopped after " + forSeconds + " s");
        } else {
            stopped.await();
        }
        return 0;
    }
}
