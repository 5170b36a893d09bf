package org.walle.cli.task;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.pyvm.EventFiles;
import org.walle.pyvm.TaskContext;
import org.walle.pyvm.TaskOutput;
import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskResult;
import org.walle.pyvm.TaskVm;
import org.walle.pyvm.TriggerEvent;
import org.walle.pyvm.TriggerEvents;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code walle task run DIR|ZIP [--input name=value|@file] [--events file.jsonl]}. */
@Command(name = "run", description = "Run a task package once in the sandboxed Python VM and print its outputs.")
public final class TaskRunCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR|ZIP", description = "the task package")
    Path task;

    @Option(names = "--input", paramLabel = "NAME=VALUE",
            description = "an input for walle.task.input(NAME): text, or @FILE for the file's bytes")
    Map<String, String> inputs = new LinkedHashMap<>();

    @Option(names = "--events", paramLabel = "FILE.jsonl", description = "matched events, one JSON object a line")
    Path events;

    @Option(names = "--trigger", description = "the trigger name the events matched (default ${DEFAULT-VALUE})",
            defaultValue = "cli")
    String trigger;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        TaskPackage pkg = TaskPackage.open(task);
        out.println("task " + pkg);
        TaskContext.Builder ctx = TaskContext.builder();
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            ctx.input(e.getKey(), inputValue(e.getValue()));
        }
        if (events != null) {
            try {
                List<TriggerEvent> ev = EventFiles.read(events);
                out.println("events: " + ev.size() + " from " + events);
                ctx.events(TriggerEvents.of(trigger, ev));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + events + ": " + e.getMessage(), e);
            }
        }
        out.println("starting the Python VM...");
        try (TaskVm vm = new TaskVm(0)) {
            TaskResult r = vm.run(pkg, ctx.build());
            if (!r.stdout().isEmpty()) {
                out.println("--- stdout ---");
                out.print(r.stdout());
                out.println("--------------");
            }
            for (TaskOutput o : r.outputs()) {
                out.println(o.kind().name().toLowerCase() + " " + o.name() + " = " + o.value());
            }
            out.printf("done: start %.1f ms, run %.1f ms, %d KB allocated%n", r.startMicros() / 1e3,
                    r.runMicros() / 1e3, r.allocatedBytes() >> 10);
        }
    }

    private static Object inputValue(String v) {
        if (!v.startsWith("@")) {
            return v;
        }
        try {
            return Files.readAllBytes(Path.of(v.substring(1)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read input file " + v.substring(1), e);
        }
    }
}
