package org.walle.cli.device;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.walle.device.DeviceProfile;
import org.walle.device.DeviceProfiles;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code walle device profiles [FILE...]}: lists the built-in profiles, or validates profile files. */
@Command(name = "profiles", description = "List the built-in device profiles, or check profile JSON files.")
public final class DeviceProfilesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Profile JSON files to validate and print.")
    java.util.List<Path> files;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (files == null || files.isEmpty()) {
            for (DeviceProfile p : DeviceProfiles.builtIn()) {
                out.println(DeviceProfiles.toJson(p));
            }
        } else {
            for (Path f : files) {
                out.println(f + ": ok");
                out.println(DeviceProfiles.toJson(DeviceProfiles.read(f)));
            }
        }
        out.flush();
        return 0;
    }
}
