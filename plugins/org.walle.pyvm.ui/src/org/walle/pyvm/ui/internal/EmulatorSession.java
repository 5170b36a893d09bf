package org.walle.pyvm.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.BooleanSupplier;
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
 * output, its outputs and timings, and on error the task, file and line and the Python traceback with links to the
 * script lines. The Task Run view and the "Walle Task" launch configurations both run tasks through this class.
 */
public final class EmulatorSession implements AutoCloseable {
    private static final Pattern TRACE_LINE = Pattern.compile("File \"([^\"]+)\", line (\\d+)");

    /** Why {@link #run} returned. */
    public enum End {
        /** The stream has no events left. */
        FINISHED,
        /** The run mode's stop condition was met (first error, first run). */
        STOPPED_BY_MODE,
        /** {@code maxEvents} events were fed (a step); the session can go on. */
        PAUSED,
        /** The caller cancelled. */
        CANCELLED
    }

    private final DeviceProfile profile;
    private final ConsoleSink console;
    private final StudioTaskExecutor executor;
    private final DeviceEmulator emulator;
    private Path ownedHome;
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

    /**
     * Installs {@code taskDir} on a device in a fresh temporary folder (deleted by {@link #close}) and feeds it
     * {@code stream}; a bad package, profile or recording is an exception naming every problem.
     */
    public static EmulatorSession open(DeviceProfile profile, Path taskDir, EventStream stream, ConsoleSink console)
            throws IOException {
        Path home = Files.createTempDirectory("walle-studio-device");
        EmulatorSession session;
        try {
            session = new EmulatorSession(profile, taskDir, home.resolve("device"), console);
        } catch (IOException | RuntimeException e) {
            deleteTree(home);
            throw e;
        }
        session.ownedHome = home;
        try {
            session.feed(stream);
        } catch (IOException | RuntimeException e) {
            session.closeQuietly();
            throw e;
        }
        return session;
    }

    public void feed(EventStream stream) throws IOException {
        if (stream instanceof EventStream.Generated g) {
            emulator.feed(g.events());
            console.line("stream: " + emulator.remaining() + " generated events (" + g.describe() + ")", null);
        } else if (stream instanceof EventStream.Recorded r) {
            emulator.feed(r.jsonl());
            console.line("stream: " + emulator.remaining() + " recorded events from " + r.jsonl(), null);
        }
    }

    public void feedGenerated(long seed, int sessions) throws IOException {
        feed(new EventStream.Generated(seed, sessions, java.util.Set.of()));
    }

    public void feedRecorded(Path jsonl) throws IOException {
        feed(new EventStream.Recorded(jsonl));
    }

    /**
     * Feeds up to {@code maxEvents} events, stopping early when {@code cancelled} says so (checked before each
     * event: a task run in progress ends by itself, bounded by the task's time limit) or when {@code mode}'s
     * condition is met; {@code afterStep} runs after each event (the caller flushes its console there).
     */
    public End run(RunMode mode, int maxEvents, BooleanSupplier cancelled, Runnable afterStep) {
        for (int done = 0; done < maxEvents; done++) {
            if (!hasNext()) {
                return End.FINISHED;
            }
            if (cancelled.getAsBoolean()) {
                return End.CANCELLED;
            }
            long errorsBefore = errors;
            long runsBefore = runs;
            step();
            afterStep.run();
            if ((mode == RunMode.STOP_ON_ERROR && errors > errorsBefore)
                    || (mode == RunMode.FIRST_RUN && runs > runsBefore)) {
                return End.STOPPED_BY_MODE;
            }
        }
        return hasNext() ? End.PAUSED : End.FINISHED;
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
        // the executor runs the step's task runs one after the other: its errors belong to the failed runs in order
        java.util.Iterator<TaskException> failures = executor.drainErrors().iterator();
        for (StepResult.TaskRun r : s.runs()) {
            runs++;
            writeRun(r, !r.result().ok() && failures.hasNext() ? failures.next() : null);
        }
        failures.forEachRemaining(this::writeError);
        return s;
    }

    private void writeRun(StepResult.TaskRun r, TaskException failure) {
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
        if (failure != null) {
            writeError(failure);
        }
        console.line(String.format(Locale.ROOT, "  %s@%s %s in %.2f ms host, %.2f ms on the %s device",
                r.taskId(), r.version(), r.result().ok() ? "ok" : "FAILED", r.result().hostNanos() / 1e6,
                r.deviceNanos() / 1e6, profile.name()), null);
    }

    private void writeError(TaskException e) {
        if (e instanceof TaskScriptException se) {
            console.error("  error in task " + se.taskId() + ": " + se.file() + ":" + se.line() + ": "
                    + se.pythonType() + ": " + se.pythonMessage(),
                    se.line() > 0 ? new ConsoleSink.ScriptLink(se.file(), se.line()) : null);
            for (String line : se.traceback().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = TRACE_LINE.matcher(line);
                console.error("  " + line, m.find() ? new ConsoleSink.ScriptLink(m.group(1),
                        Integer.parseInt(m.group(2))) : null);
            }
        } else {
            console.error("  error in task " + e.taskId() + ": " + e.getMessage(), null);
        }
    }

    /** Task runs that failed so far. */
    public long errors() {
        return errors;
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
            if (ownedHome != null) {
                deleteTree(ownedHome);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless; the run's own result matters
        }
    }
}
