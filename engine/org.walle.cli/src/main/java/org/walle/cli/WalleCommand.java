package org.walle.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code walle} command line. Each area adds its subcommand classes to the list below; a subcommand lives in
 * this module's {@code org.walle.cli.<area>} package and calls the area's headless API.
 */
@Command(name = "walle", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Walle: on-device ML tasks - tensor engine, Python task VM, stream pipeline and deployment.",
        subcommands = {
            VersionCommand.class,
            org.walle.cli.model.ModelRunCommand.class,
            org.walle.cli.model.ModelInspectCommand.class,
            org.walle.cli.perf.BenchCommand.class,
            org.walle.cli.perf.SearchCommand.class,
            org.walle.cli.perf.ProfileCommand.class,
            org.walle.cli.stream.StreamCommand.class,
            org.walle.cli.deploy.ServeCommand.class,
            org.walle.cli.deploy.TaskCommand.class,
            org.walle.cli.deploy.ReleaseCommand.class,
            org.walle.cli.device.DeviceCommand.class,
            org.walle.cli.device.FleetCommand.class,
            org.walle.cli.kernels.CalibrateCommand.class,
            org.walle.cli.kernels.ConvAlgorithmsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class WalleCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new WalleCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("walle: " + e.getMessage());
            return 1;
        });
        return cl.execute(args);
    }
}
