package org.walle.pyvm.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.walle.device.DeviceEmulator;
import org.walle.device.DeviceListener;
import org.walle.device.DeviceOutput;
import org.walle.device.DeviceProfile;
import org.walle.device.StepResult;
import org.walle.pyvm.TaskException;
import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskScriptException;
import org.walle.stream.event.Event;
import org.walle.stream.trigger.TriggerMatch;

/**
 * One run of a task folder on an emulated device (offline: the task is installed locally), fed with a generated or
 * recorded behaviour stream and advanced event by event. Every step writes the fired triggers, the task's printed
 * output, its outputs and timings, and on error the Python traceback with links to the script lines.
 */
public final class EmulatorSession implements AutoCloseable {
    private static final Pattern TRACE_LINE = Pattern.compile("File \"([^\"]+)\", line (\\d+)");

    private final DeviceProfile profile;
    private final ConsoleSink console;
    private final StudioTaskExecutor executor;
    private final DeviceEmulator emulator;
    private long fired;
    private long runs;
    private long errors;

    /**
     * Validates and installs {@code taskDir}; throws {@link org.walle.pyvm.TaskPackageException} listing every
     * problem of the package, {@link IOException} when the device folder cannot be written.
     */
    public EmulatorSession(DeviceProfile profile, Path taskDir, Path deviceDir, ConsoleSink console)
            throws IOException {
        JythonPath.ensure();
        this.profile = profile;
        this.console = console;
        this.executor = new StudioTaskExecutor(TaskPackage.open(taskDir));
        this.emulator = DeviceEmulator.offline(profile, deviceDir, executor, DeviceListener.NONE);
        try {
            var bundle = emulator.install(taskDir);
            console.line("installed " + bundle.id() + "@" + bundle.version() + " on a " + profile.name() + " device ("
                    + profile.model() + ", tier " + profile.tier() + ", speed x" + profile.speedFactor() + ")", null);
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    public void feedGenerated(long seed, int sessions) {
        emulator.feedGenerated(seed, sessions);
        console.line("stream: " + emulator.remaining() + " generated events (seed " + seed + ", " + sessions
                + " sessions)", null);
    }

    public void feedRecorded(Path jsonl) throws IOException {
        emulator.feed(jsonl);
        console.line("stream: " + emulator.remaining() + " recorded events from " + jsonl, null);
    }

    public boolean hasNext() {
        return emulator.hasNext();
    }

    public int remaining() {
        return emulator.remaining();
    }

    /** Feeds the next event and writes what it caused. */
    public StepResult step() {
        StepResult s = emulator.step();
        for (TriggerMatch m : s.fired()) {
            fired++;
            StringBuilder events = new StringBuilder();
            for (Event e : m.events()) {
                events.append(events.length() == 0 ? "" : ", ").append(e.eventId()).append('@').append(e.pageId());
            }
            console.line("fired " + m.triggerId() + " on [" + events + "]", null);
        }
        for (StepResult.TaskRun r : s.runs()) {
            runs++;
            writeRun(r);
        }
        for (TaskException e : executor.drainErrors()) {
            writeError(e);
        }
        return s;
    }

    private void writeRun(StepResult.TaskRun r) {
        for (String line : r.result().console().split("\n")) {
            if (!line.isEmpty()) {
                console.line("  | " + line, null);
            }
        }
        for (DeviceOutput o : r.result().outputs()) {
            console.line("  " + o.kind() + " " + o.name() + " = " + o.value(), null);
        }
        if (!r.result().ok()) {
            errors++;
        }
        console.line(String.format(Locale.ROOT, "  %s@%s %s in %.2f ms host, %.2f ms on the %s device",
                r.taskId(), r.version(), r.result().ok() ? "ok" : "FAILED", r.result().hostNanos() / 1e6,
                r.deviceNanos() / 1e6, profile.name()), null);
    }

    private void writeError(TaskException e) {
        if (e instanceof TaskScriptException se) {
            console.line("  " + se.file() + ":" + se.line() + ": " + se.pythonType() + ": " + se.pythonMessage(),
                    se.line() > 0 ? new ConsoleSink.ScriptLink(se.file(), se.line()) : null);
            for (String line : se.traceback().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = TRACE_LINE.matcher(line);
                console.line("  " + line, m.find() ? new ConsoleSink.ScriptLink(m.group(1),
                        Integer.parseInt(m.group(2))) : null);
            }
        } else {
            console.line("  " + e.getMessage(), null);
        }
    }

    /** A one-line summary of the session so far. */
    public String summary() {
        return emulatorSummary(fired, runs, errors, emulator.remaining());
    }

    static String emulatorSummary(long fired, long runs, long errors, int remaining) {
        return fired + " fired, " + runs + " runs, " + errors + " errors, " + remaining + " events left";
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception ignored) {
            // the constructor's own failure is what the user needs to see
        }
    }

    @Override
    public void close() throws Exception {
        try {
            emulator.close();
        } finally {
            executor.close();
        }
    }
}
