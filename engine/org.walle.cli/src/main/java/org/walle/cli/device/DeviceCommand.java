package org.walle.cli.device;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code walle device ...}: one emulated device. */
@Command(name = "device", description = "Emulate one device: profiles, run a task against a behaviour stream.",
        subcommands = {DeviceRunCommand.class, DeviceProfilesCommand.class})
public final class DeviceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
