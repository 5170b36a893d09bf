package org.walle.cli.deploy;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.walle.deploy.client.DeployClientException;
import org.walle.deploy.client.MgmtClient;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code walle task ...}: push a task to a deployment server's repository, or run and check a task package
 * locally on the Python VM.
 */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = "Python task packages: run or check locally, push to a deployment server.",
        subcommands = {TaskCommand.Push.class, org.walle.cli.task.TaskRunCommand.class,
            org.walle.cli.task.TaskCheckCommand.class})
public final class TaskCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code walle task push <dir>}: commits the directory as a new tagged version of the task. */
    @Command(name = "push", mixinStandardHelpOptions = true,
            description = "Push a task directory as a new version (a commit + tag in the task's git repository).")
    public static final class Push implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Parameters(index = "0", description = "Task directory.")
        Path dir;

        @Option(names = "--task", description = "Task id (default: the directory name).")
        String task;

        @Option(names = "--version", required = true, description = "Version tag, e.g. 1.2.0.")
        String version;

        @Option(names = "--message", description = "Commit message.")
        String message;

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("not a directory: " + dir);
            }
            String id = task != null ? task : dir.toAbsolutePath().normalize().getFileName().toString();
            PrintWriter out = spec.commandLine().getOut();
            MgmtClient m = server.client();
            try {
                m.task(id);
            } catch (DeployClientException e) {
                if (e.status() != 404) {
                    throw e;
                }
                out.println("creating task " + id);
                m.createTask(id, id);
            }
            out.println("pushing " + dir + " as " + id + "@" + version + " ...");
            out.flush();
            JsonNode v = m.pushVersion(id, version, message, dir);
            out.println("pushed " + id + "@" + version + " commit " + v.get("commitId").asText());
            return 0;
        }
    }
}
