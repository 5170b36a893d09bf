package org.walle.device;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.walle.stream.event.EcommerceGenerator;
import org.walle.stream.event.Event;
import org.walle.stream.event.EventJsonLines;
import org.walle.stream.trigger.TriggerMatch;

/**
 * One emulated device for the studio's task editor: pick a profile, install a task (by hand or from a server),
 * feed a recorded or generated behaviour stream, then {@link #step()} event by event or {@link #run()} to the end,
 * and watch fired triggers, console output, outputs and timings through a {@link DeviceListener}.
 */
public final class DeviceEmulator implements AutoCloseable {
    private final DeviceRuntime runtime;
    private final DeviceAgent agent;
    private final ArrayDeque<Event> pending = new ArrayDeque<>();
    private final StepRecorder recorder;
    private long fed;

    private DeviceEmulator(DeviceRuntime runtime, DeviceAgent agent, StepRecorder recorder) {
        this.runtime = runtime;
        this.agent = agent;
        this.recorder = recorder;
    }

    /** A device without a server: install tasks with {@link #install}. */
    public static DeviceEmulator offline(DeviceProfile profile, Path dir, TaskExecutor executor,
            DeviceListener listener) {
        StepRecorder rec = new StepRecorder(listener);
        DeviceRuntime rt = new DeviceRuntime(null, null, executor, OutputUplink.NONE, rec, 3, 1);
        return new DeviceEmulator(rt, new DeviceAgent("emulator", profile, rt, dir), rec);
    }

    /**
     * A device that registers with {@code server} as {@code deviceId}, opens its push connection and installs what
     * the server assigns it; outputs go to {@code uplink}. Waits up to {@code waitMillis} for the first assignments.
     */
    public static DeviceEmulator online(DeviceProfile profile, String deviceId, Path dir, URI server,
            String enrollmentToken, TaskExecutor executor, OutputUplink uplink, DeviceListener listener,
            long waitMillis) throws Exception {
        StepRecorder rec = new StepRecorder(listener);
        DeviceRuntime rt = new DeviceRuntime(Objects.requireNonNull(server, "server"), enrollmentToken, executor,
                uplink, rec, 3, 2);
        DeviceAgent agent = new DeviceAgent(deviceId, profile, rt, dir);
        DeviceEmulator emu = new DeviceEmulator(rt, agent, rec);
        try {
            agent.restoreInstalled();
            agent.register();
            agent.connect().get(30, TimeUnit.SECONDS);
            Thread.sleep(Math.min(waitMillis, 200)); // the catch-up notices follow the handshake
            rt.awaitIdle(waitMillis);
            return emu;
        } catch (Exception e) {
            emu.close();
            throw e;
        }
    }

    public DeviceAgent agent() {
        return agent;
    }

    public DeviceRuntime runtime() {
        return runtime;
    }

    /** Installs a task folder or bundle by hand. */
    public TaskBundle install(Path folderOrZip) throws IOException {
        TaskBundle b = folderOrZip.toString().endsWith(".zip") ? TaskBundle.fromZip(folderOrZip, null)
                : TaskBundle.fromFolder(folderOrZip);
        agent.installLocal(b);
        return b;
    }

    /** Queues events (a recorded stream); they are fed by {@link #step()} and {@link #run()}. */
    public DeviceEmulator feed(Collection<Event> events) {
        pending.addAll(events);
        return this;
    }

    /** Queues a recorded JSON Lines file; a malformed line is an error naming the file and line. */
    public DeviceEmulator feed(Path jsonl) throws IOException {
        return feed(EventJsonLines.read(jsonl));
    }

    /** Queues {@code sessions} generated e-commerce sessions (same seed, same stream). */
    public DeviceEmulator feedGenerated(long seed, int sessions) {
        return feed(new EcommerceGenerator(seed).generate(sessions));
    }

    public boolean hasNext() {
        return !pending.isEmpty();
    }

    public int remaining() {
        return pending.size();
    }

    /** Events fed so far. */
    public long fed() {
        return fed;
    }

    /** Feeds the next event; its fired triggers and task runs are in the result. */
    public StepResult step() {
        Event e = pending.pollFirst();
        if (e == null) {
            throw new IllegalStateException("no events left: feed a stream first");
        }
        recorder.begin();
        List<TriggerMatch> fired = agent.offer(e);
        fed++;
        return new StepResult(e, fired, recorder.end());
    }

    /** Feeds every remaining event. */
    public Summary run() {
        return run(Integer.MAX_VALUE);
    }

    /** Feeds up to {@code maxEvents} events. */
    public Summary run(int maxEvents) {
        long events = 0;
        long fired = 0;
        long errors = 0;
        long outputs = 0;
        long deviceNanos = 0;
        List<StepResult.TaskRun> runs = new ArrayList<>();
        while (hasNext() && events < maxEvents) {
            StepResult s = step();
            events++;
            fired += s.fired().size();
            for (StepResult.TaskRun r : s.runs()) {
                runs.add(r);
                errors += r.result().ok() ? 0 : 1;
                outputs += r.result().outputs().size();
                deviceNanos += r.deviceNanos();
            }
        }
        return new Summary(events, fired, runs.size(), errors, outputs, deviceNanos, runs);
    }

    /** Totals of a {@link #run}. */
    public record Summary(long events, long fired, long runs, long errors, long outputs, long deviceNanos,
            List<StepResult.TaskRun> taskRuns) {
    }

    @Override
    public void close() throws Exception {
        agent.close();
        runtime.close();
    }

    /** Passes everything to the user's listener and records the runs of the current step. */
    private static final class StepRecorder implements DeviceListener {
        private final DeviceListener user;
        private final ThreadLocal<List<StepResult.TaskRun>> current = new ThreadLocal<>();

        StepRecorder(DeviceListener user) {
            this.user = user == null ? DeviceListener.NONE : user;
        }

        void begin() {
            current.set(new ArrayList<>());
        }

        List<StepResult.TaskRun> end() {
            List<StepResult.TaskRun> r = current.get();
            current.remove();
            return r == null ? List.of() : r;
        }

        @Override
        public void onTaskRun(String deviceId, String taskId, String version, TaskRunResult result,
                long deviceNanos) {
            List<StepResult.TaskRun> r = current.get();
            if (r != null) {
                r.add(new StepResult.TaskRun(taskId, version, result, deviceNanos));
            }
            user.onTaskRun(deviceId, taskId, version, result, deviceNanos);
        }

        @Override
        public void onRegistered(String d) {
            user.onRegistered(d);
        }

        @Override
        public void onNotice(String d, org.walle.deploy.client.Notice n) {
            user.onNotice(d, n);
        }

        @Override
        public void onInstalled(String d, String t, String v, long ms) {
            user.onInstalled(d, t, v, ms);
        }

        @Override
        public void onInstallFailed(String d, String t, String v, String err) {
            user.onInstallFailed(d, t, v, err);
        }

        @Override
        public void onRolledBack(String d, String t, String from, String to, String why) {
            user.onRolledBack(d, t, from, to, why);
        }

        @Override
        public void onRemoved(String d, String t, String why) {
            user.onRemoved(d, t, why);
        }

        @Override
        public void onEvent(String d, Event e) {
            user.onEvent(d, e);
        }

        @Override
        public void onTriggerFired(String d, TriggerMatch m) {
            user.onTriggerFired(d, m);
        }

        @Override
        public void onProblem(String d, String what) {
            user.onProblem(d, what);
        }
    }
}
