package org.walle.cli.task;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskPackageException;
import org.walle.pyvm.TaskVm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code walle task check DIR|ZIP}: validates task.json and statically checks every script. Exit 1 on problems. */
@Command(name = "check", description = "Validate a task package: task.json, files, syntax and sandbox rules.")
public final class TaskCheckCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR|ZIP", description = "the task package")
    Path task;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TaskPackage pkg;
        try {
            pkg = TaskPackage.open(task);
        } catch (TaskPackageException e) {
            e.problems().forEach(p -> out.println("error: " + p));
            return 1;
        }
        out.println("package " + pkg + ": " + pkg.fileNames().size() + " files, entry " + pkg.manifest().entry());
        out.println("checking scripts...");
        List<String> problems = TaskVm.check(pkg);
        problems.forEach(p -> out.println("error: " + p));
        out.println(problems.isEmpty() ? "ok" : problems.size() + " problem(s)");
        return problems.isEmpty() ? 0 : 1;
    }
}
