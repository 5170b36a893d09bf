package org.walle.cli.device;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.walle.device.Fleet;
import org.walle.device.FleetCsv;
import org.walle.device.FleetSnapshot;
import org.walle.device.OutputUplink;
import org.walle.device.ProfileMix;
import org.walle.device.PythonTaskExecutor;
import org.walle.stream.trigger.TriggerJson;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code walle fleet}: N emulated devices in this JVM against a deployment server. Registers and connects them
 * (with progress), drives their behaviour streams for the duration, prints coverage, failures and latencies every
 * second and writes them to CSV.
 */
@Command(name = "fleet", description = "Run a fleet of emulated devices against a deployment server.")
public final class FleetCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--devices", required = true, description = "How many devices.")
    int devices;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "Deployment server.")
    URI server;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:WALLE_TOKEN}",
            description = "Enrollment token (role device); default: $WALLE_TOKEN.")
    String token;

    @Option(names = "--profiles", paramLabel = "MIX.json", description = "Profile mix (default: equal low/mid/high).")
    Path profiles;

    @Option(names = "--duration", defaultValue = "60s", description = "How long to drive events, e.g. 30s, 10m "
            + "(default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--rate", defaultValue = "1.0", description = "Events per device per second (default: "
            + "${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the behaviour streams.")
    long seed;

    @Option(names = "--id-prefix", defaultValue = "fleet", description = "Device ids are PREFIX-00000...")
    String idPrefix;

    @Option(names = "--dir", paramLabel = "DIR", description = "Device folders (default: a temporary folder).")
    Path dir;

    @Option(names = "--csv", paramLabel = "FILE", defaultValue = "fleet.csv",
            description = "Stats CSV; coverage goes to FILE-coverage.csv (default: ${DEFAULT-VALUE}).")
    Path csv;

    @Option(names = "--every", defaultValue = "1000", description = "Milliseconds between live lines.")
    long every;

    @Option(names = "--tunnel-connections", defaultValue = "4", description = "Tunnel connections the fleet shares.")
    int tunnelConnections;

    @Mixin
    TunnelArgs tunnelArgs = new TunnelArgs();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (token == null || token.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--token (or $WALLE_TOKEN) is required");
        }
        long millis;
        try {
            millis = TriggerJson.parseDuration(duration);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--duration: " + e.getMessage());
        }
        ProfileMix mix = profiles == null ? ProfileMix.builtIn() : ProfileMix.read(profiles);
        Path home = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("walle-fleet");
        Fleet.Options o = new Fleet.Options(devices, mix, server, token, home.resolve("devices"), idPrefix, rate, seed,
                Math.max(1, Runtime.getRuntime().availableProcessors()), 8, 3);
        OutputUplink uplink = tunnelArgs.open(idPrefix, tunnelConnections);
        try (PythonTaskExecutor python = new PythonTaskExecutor(home.resolve("vm-cache"), 2);
                Fleet fleet = new Fleet(o, python, uplink, null);
                FleetCsv stats = new FleetCsv(csv)) {
            out.println("fleet of " + devices + " devices against " + server + ", folders in " + home);
            out.flush();
            long t0 = System.nanoTime();
            fleet.registerAll(16, line -> progress(out, line));
            fleet.connectAll(200, line -> progress(out, line));
            out.printf(Locale.ROOT, "ready in %.1f s, heap used %d MiB%n", (System.nanoTime() - t0) / 1e9,
                    usedHeapMiB());
            FleetSnapshot last = fleet.runFor(Duration.ofMillis(millis), every, s -> {
                stats.accept(s);
                out.println(s.line());
                if (fleet.stats().lastProblem() != null && s.runErrors() + s.installFailures() > 0) {
                    out.println("  last problem: " + fleet.stats().lastProblem());
                }
                out.flush();
            });
            fleet.awaitIdle(30_000);
            uplink.flush(30_000);
            out.printf(Locale.ROOT, "done: %d events, %d runs, %d errors, %d installs, %d install failures, heap "
                    + "used %d MiB; CSV in %s%n", last.events(), last.runs(), last.runErrors(), last.installs(),
                    last.installFailures(), usedHeapMiB(), csv.toAbsolutePath());
            out.flush();
            return 0;
        } finally {
            uplink.close();
        }
    }

    private static void progress(PrintWriter out, String line) {
        out.println("  " + line);
        out.flush();
    }

    private static long usedHeapMiB() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) >> 20;
    }
}
