package org.walle.cli;

import org.walle.engine.EngineInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code walle version}: product, engine and Java versions. */
@Command(name = "version", description = "Print the product, engine and Java versions.")
public final class VersionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        for (String line : lines()) {
            spec.commandLine().getOut().println(line);
        }
    }

    static String[] lines() {
        return new String[] {
            "Walle Studio " + EngineInfo.version(),
            "engine " + EngineInfo.version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("os.arch") + ")"
        };
    }

    /** Lets {@code walle --version} print the same lines. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return lines();
        }
    }
}
