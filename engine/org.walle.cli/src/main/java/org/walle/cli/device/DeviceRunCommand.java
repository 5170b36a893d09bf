package org.walle.cli.device;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.walle.device.DeviceEmulator;
import org.walle.device.DeviceListener;
import org.walle.device.DeviceOutput;
import org.walle.device.DeviceProfile;
import org.walle.device.DeviceProfiles;
import org.walle.device.OutputUplink;
import org.walle.device.PythonTaskExecutor;
import org.walle.device.TaskRunResult;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code walle device run}: one emulated device. With {@code --server} it registers, takes what the server assigns
 * and reports back; with {@code --task} it runs a local task folder offline. Prints every fired trigger, the task's
 * console, its outputs and timings, then a summary. Exit code 1 when a task run failed.
 */
@Command(name = "run", description = "Run one emulated device against a behaviour stream.")
public final class DeviceRunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--profile", defaultValue = "mid", paramLabel = "NAME|FILE",
            description = "low, mid, high or a profile JSON file (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--server", paramLabel = "URL", description = "Deployment server to register with.")
    URI server;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:WALLE_TOKEN}",
            description = "Enrollment token (role device); default: $WALLE_TOKEN.")
    String token;

    @Option(names = "--task", paramLabel = "DIR|ZIP", description = "Install this task locally (no server needed).")
    Path task;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--events", paramLabel = "FILE", description = "Recorded behaviour as JSON Lines.")
        Path events;

        @Option(names = "--generate", paramLabel = "SESSIONS", description = "Generate this many e-commerce sessions.")
        Integer sessions;
    }

    @Option(names = "--seed", defaultValue = "1", description = "Seed for --generate (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--device-id", defaultValue = "emulator-1", description = "Device id (default: ${DEFAULT-VALUE}).")
    String deviceId;

    @Option(names = "--dir", paramLabel = "DIR", description = "Device folder (default: a temporary one).")
    Path dir;

    @Option(names = "--quiet", description = "Print only the summary.")
    boolean quiet;

    @Mixin
    TunnelArgs tunnelArgs = new TunnelArgs();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (server == null && task == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --server URL or --task DIR");
        }
        if (server != null && (token == null || token.isBlank())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--server needs --token (or $WALLE_TOKEN)");
        }
        DeviceProfile p = DeviceProfiles.resolve(profile, null);
        Path home = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("walle-device");
        DeviceListener listener = quiet ? DeviceListener.NONE : new Printer(out);
        OutputUplink uplink = tunnelArgs.open(deviceId, 1);
        try (PythonTaskExecutor python = new PythonTaskExecutor(home.resolve("vm-cache"), 1);
                DeviceEmulator emu = server != null
                        ? DeviceEmulator.online(p, deviceId, home.resolve("device"), server, token, python, uplink,
                                listener, 30_000)
                        : DeviceEmulator.offline(p, home.resolve("device"), python, listener)) {
            if (task != null) {
                emu.install(task);
            }
            err.println("device " + deviceId + " (" + p.name() + ", " + p.model() + ", tier " + p.tier()
                    + ") running " + emu.agent().versions());
            if (source.events != null) {
                emu.feed(source.events);
            } else {
                emu.feedGenerated(seed, source.sessions);
            }
            int total = emu.remaining();
            DeviceEmulator.Summary s = emu.run();
            if (!uplink.flush(30_000)) {
                err.println("warning: the tunnel did not acknowledge every output within 30 s");
            }
            emu.runtime().awaitIdle(10_000);
            out.printf(Locale.ROOT, "%d events, %d fired, %d runs, %d errors, %d outputs, device time %.1f ms%n",
                    s.events(), s.fired(), s.runs(), s.errors(), s.outputs(), s.deviceNanos() / 1e6);
            out.flush();
            if (total > 0 && s.events() != total) {
                err.println("stopped after " + s.events() + " of " + total + " events");
            }
            return s.errors() > 0 ? 1 : 0;
        } finally {
            uplink.close();
        }
    }

    /** Prints fires, console lines, outputs and timings as they happen. */
    private static final class Printer implements DeviceListener {
        private final PrintWriter out;

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onInstalled(String d, String t, String v, long ms) {
            out.println("installed " + t + "@" + v + " (" + ms + " ms)");
        }

        @Override
        public void onInstallFailed(String d, String t, String v, String error) {
            out.println("install of " + t + "@" + v + " failed: " + error);
        }

        @Override
        public void onRolledBack(String d, String t, String from, String to, String why) {
            out.println("rolled back " + t + " " + from + " -> " + to + ": " + why);
        }

        @Override
        public void onTriggerFired(String d, org.walle.stream.trigger.TriggerMatch m) {
            out.println("fired " + m.triggerId() + " on " + m.events());
        }

        @Override
        public void onTaskRun(String d, String t, String v, TaskRunResult r, long deviceNanos) {
            for (String line : r.console().split("\n")) {
                if (!line.isEmpty()) {
                    out.println("  | " + line);
                }
            }
            for (DeviceOutput o : r.outputs()) {
                out.println("  " + o.kind() + " " + o.name() + " = " + o.value());
            }
            out.printf(Locale.ROOT, "  %s@%s %s in %.2f ms host, %.2f ms device%n", t, v,
                    r.ok() ? "ok" : "FAILED: " + r.error(), r.hostNanos() / 1e6, deviceNanos / 1e6);
            out.flush();
        }

        @Override
        public void onProblem(String d, String what) {
            out.println("problem: " + what);
        }
    }
}
