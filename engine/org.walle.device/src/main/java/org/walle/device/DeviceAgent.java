package org.walle.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.walle.deploy.client.DeployClientException;
import org.walle.deploy.client.DeviceClient;
import org.walle.deploy.client.Notice;
import org.walle.deploy.model.ReportStatus;
import org.walle.device.internal.DownloadCache;
import org.walle.device.internal.InstalledVersion;
import org.walle.device.internal.OutputEnvelope;
import org.walle.device.internal.SerialQueue;
import org.walle.device.internal.TaskInstaller;
import org.walle.stream.event.Event;
import org.walle.stream.trigger.Trigger;
import org.walle.stream.trigger.TriggerMatch;
import org.walle.stream.trigger.TrieTriggerEngine;

/**
 * One emulated device: the whole on-device stack. It registers with the deployment server, holds the push
 * connection, pulls and verifies bundles (hash + Ed25519 signature), installs them atomically, keeps the last good
 * version, registers the task's triggers with its own trigger engine, runs the task when they fire, sends outputs
 * through the uplink and reports install and run status. After {@code maxFailures} consecutive failed runs of a
 * version it returns to the previous version by itself.
 *
 * <p>Threads: {@link #offer} runs on the caller's thread (the event source); notices, installs and reports run on
 * the runtime's worker pool, one at a time per device (a per-device queue), so a device never installs two versions
 * at once.
 */
public final class DeviceAgent implements AutoCloseable {
    /** An active task: its version, its code and its failure count. */
    private record Active(InstalledVersion version, TaskBundle bundle, AtomicInteger failures, AtomicBoolean okSent) {
    }

    private final String deviceId;
    private final DeviceProfile profile;
    private final DeviceRuntime rt;
    private final Path dir;
    private final TaskInstaller installer;
    private final Object engineLock = new Object();
    private final TrieTriggerEngine engine = new TrieTriggerEngine(1_000);
    private volatile Map<String, Active> active = Map.of();
    private volatile ConcurrentMap<String, Object> state;
    private volatile DeviceClient client;
    private final SerialQueue queue;
    private final Map<String, Integer> installFailures = new HashMap<>();
    private final AtomicLong runs = new AtomicLong();
    private volatile boolean closed;

    public DeviceAgent(String deviceId, DeviceProfile profile, DeviceRuntime runtime, Path deviceDir) {
        if (deviceId == null || !deviceId.matches("[A-Za-z0-9._:-]{1,128}")) {
            throw new IllegalArgumentException("device id must be 1-128 of A-Z a-z 0-9 . _ : -, got '" + deviceId + "'");
        }
        this.deviceId = deviceId;
        this.profile = profile;
        this.rt = runtime;
        this.dir = deviceDir;
        this.installer = new TaskInstaller(deviceDir);
        this.queue = new SerialQueue(runtime::submit, e -> runtime.listener().onProblem(deviceId, "internal: " + e));
    }

    public String deviceId() {
        return deviceId;
    }

    public DeviceProfile profile() {
        return profile;
    }

    /** Brings back the versions installed by an earlier run of this device (same folder). */
    public void restoreInstalled() throws IOException {
        Path tasks = dir.resolve("tasks");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path t : list.filter(Files::isDirectory).toList()) {
                InstalledVersion v = installer.state(t.getFileName().toString()).current();
                if (v != null) {
                    Optional<TaskBundle> b = installer.load(v);
                    if (b.isPresent()) {
                        activate(v, b.get());
                    }
                }
            }
        }
    }

    /** Registers with the server (blocking); the device gets its own token. */
    public void register() {
        if (rt.server() == null) {
            throw new IllegalStateException("device " + deviceId + " has no server to register with");
        }
        client = DeviceClient.register(rt.http(), rt.server(), rt.enrollmentToken(), deviceId, profile.attributes());
        rt.listener().onRegistered(deviceId);
    }

    /** Opens the push connection; current assignments arrive first. */
    public CompletableFuture<Void> connect() {
        DeviceClient c = requireClient();
        return c.connect(n -> enqueue(() -> handle(n)));
    }

    public boolean isConnected() {
        DeviceClient c = client;
        return c != null && c.isConnected();
    }

    /** Reconnects a dropped push connection; returns true when a reconnect was started. */
    public boolean ensureConnected() {
        if (closed || client == null || isConnected()) {
            return false;
        }
        connect().exceptionally(t -> {
            rt.listener().onProblem(deviceId, "push reconnect failed: " + t);
            return null;
        });
        return true;
    }

    /** Polling instead of push: fetches the current assignments and handles them. */
    public void poll() {
        for (Notice n : requireClient().poll()) {
            enqueue(() -> handle(n));
        }
    }

    /** Installs a task without a server (the studio's editor): it becomes active at once. */
    public void installLocal(TaskBundle bundle) throws IOException {
        String sha = bundle.contentKey();
        InstalledVersion v = new InstalledVersion(bundle.id(), bundle.version(), 0, sha, null);
        installer.unpack(bundle, sha);
        installer.activate(v);
        activate(v, bundle);
        rt.listener().onInstalled(deviceId, bundle.id(), bundle.version(), 0);
    }

    /** Current version of each active task. */
    public Map<String, String> versions() {
        Map<String, String> out = new TreeMap<>();
        active.forEach((k, a) -> out.put(k, a.version().version()));
        return out;
    }

    public Optional<String> version(String taskId) {
        Active a = active.get(taskId);
        return a == null ? Optional.empty() : Optional.of(a.version().version());
    }

    /** Task runs so far. */
    public long runs() {
        return runs.get();
    }

    /** Triggers registered with this device's engine. */
    public List<String> triggerIds() {
        synchronized (engineLock) {
            return engine.triggers().stream().map(Trigger::id).sorted().toList();
        }
    }

    /** Feeds one behaviour event; fired tasks run on this thread. Returns the matches it completed. */
    public List<TriggerMatch> offer(Event event) {
        List<TriggerMatch> matches;
        synchronized (engineLock) {
            matches = engine.onEvent(event);
        }
        rt.listener().onEvent(deviceId, event);
        for (TriggerMatch m : matches) {
            rt.listener().onTriggerFired(deviceId, m);
            run(m);
        }
        return matches;
    }

    private void run(TriggerMatch m) {
        Active a = active.get(TaskBundle.taskOf(m.triggerId()));
        if (a == null) {
            return; // withdrawn between match and run
        }
        TaskRunResult r;
        if (rt.executor() == null) {
            r = new TaskRunResult(List.of(), "", "no Python task VM configured on this device", 0);
        } else {
            r = rt.executor().run(new TaskRunRequest(deviceId, profile, a.bundle(), TaskBundle.triggerName(
                    m.triggerId()), m.events(), state()));
        }
        long run = runs.incrementAndGet();
        long deviceNanos = profile.deviceNanos(r.hostNanos());
        rt.listener().onTaskRun(deviceId, a.version().taskId(), a.version().version(), r, deviceNanos);
        InstalledVersion v = a.version();
        if (r.ok()) {
            a.failures().set(0);
            int index = 0;
            for (DeviceOutput o : r.outputs()) {
                try {
                    rt.uplink().send(deviceId, OutputEnvelope.encode(deviceId, v.version(), v.releaseId(), run,
                            index++, o));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    rt.listener().onProblem(deviceId, "uplink: " + e.getMessage());
                }
            }
            if (a.okSent().compareAndSet(false, true)) {
                report(v, ReportStatus.TASK_OK, deviceNanos / 1_000_000, null);
            }
        } else {
            int failures = a.failures().incrementAndGet();
            report(v, ReportStatus.TASK_ERROR, deviceNanos / 1_000_000, r.error());
            if (failures == rt.maxFailures()) {
                enqueue(() -> rollbackLocally(v, failures + " consecutive failed runs, last: " + r.error()));
            }
        }
    }

    /** This device's collective state, created when a task first needs it. */
    private ConcurrentMap<String, Object> state() {
        ConcurrentMap<String, Object> s = state;
        if (s == null) {
            synchronized (this) {
                if (state == null) {
                    state = new ConcurrentHashMap<>();
                }
                s = state;
            }
        }
        return s;
    }

    private void enqueue(Runnable work) {
        queue.add(work);
    }

    /** Handles one notice (worker thread, one at a time per device). */
    private void handle(Notice n) {
        rt.listener().onNotice(deviceId, n);
        try {
            if (n.isWithdrawal()) {
                deactivate(n.taskId());
                installer.remove(n.taskId());
                rt.listener().onRemoved(deviceId, n.taskId(), "withdrawn by the server");
                return;
            }
            Active cur = active.get(n.taskId());
            if (cur != null && cur.version().sha256().equals(n.sha256())) {
                return; // already running it (a reconnect repeats current assignments)
            }
            TaskInstaller.State s = installer.state(n.taskId());
            if (s.bad().contains(n.sha256())) {
                rt.listener().onInstallFailed(deviceId, n.taskId(), n.version(), "bundle " + n.sha256()
                        + " failed here before; keeping " + (cur == null ? "nothing" : cur.version().version()));
                return;
            }
            install(n, cur, s);
        } catch (IOException e) {
            rt.listener().onProblem(deviceId, "task store: " + e);
        }
    }

    private void install(Notice n, Active cur, TaskInstaller.State s) throws IOException {
        long t0 = System.nanoTime();
        InstalledVersion v = new InstalledVersion(n.taskId(), n.version(), n.releaseId(), n.sha256(), n.signature());
        try {
            Path zip = requireClient().pull(n, dir.resolve("downloads"));
            TaskBundle b = rt.code(n.sha256(), () -> {
                try {
                    return TaskBundle.fromZip(zip, n.sha256());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            if (!b.id().equals(n.taskId())) {
                throw new InvalidTaskException(n.sha256(), "bundle declares task '" + b.id() + "' but was released as '"
                        + n.taskId() + "'");
            }
            installer.unpack(b, n.sha256());
            installer.activate(v);
            activate(v, b);
            pruneDownloads();
            installFailures.remove(n.sha256());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            boolean back = s.previous() != null && s.previous().sha256().equals(n.sha256());
            if (back && cur != null) {
                rt.listener().onRolledBack(deviceId, n.taskId(), cur.version().version(), n.version(),
                        "server returned the device to a kept version");
            }
            rt.listener().onInstalled(deviceId, n.taskId(), n.version(), millis);
            reportNow(v, ReportStatus.INSTALLED, millis, null);
        } catch (DeployClientException | IOException | java.io.UncheckedIOException e) {
            installFailed(n, v, e, transientFailure(e));
        } catch (SecurityException | IllegalArgumentException e) {
            installFailed(n, v, e, false); // bad hash, bad signature or a broken bundle: retrying will not help
        }
    }

    private static boolean transientFailure(Exception e) {
        return !(e instanceof DeployClientException d) || d.status() == 0 || d.status() >= 500;
    }

    private void installFailed(Notice n, InstalledVersion v, Exception e, boolean retry) throws IOException {
        int failures = installFailures.merge(n.sha256(), 1, Integer::sum);
        String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
        rt.listener().onInstallFailed(deviceId, n.taskId(), n.version(), msg);
        if (!retry || failures >= rt.maxFailures()) {
            installer.markBad(n.taskId(), n.sha256());
            try {
                reportNow(v, ReportStatus.INSTALL_FAILED, null, msg);
            } catch (DeployClientException ignored) {
                rt.listener().onProblem(deviceId, "could not report the failed install: " + ignored.getMessage());
            }
        } else {
            rt.submitLater(() -> enqueue(() -> handle(n)), 200L << Math.min(failures, 6));
        }
    }

    /** Returns to the previous version after repeated failures of the current one. */
    private void rollbackLocally(InstalledVersion failing, String reason) {
        try {
            Active cur = active.get(failing.taskId());
            if (cur == null || !cur.version().sha256().equals(failing.sha256())) {
                return; // already replaced
            }
            TaskInstaller.State s = installer.rollback(failing.taskId());
            Optional<TaskBundle> prev = s.current() == null ? Optional.empty() : installer.load(s.current());
            if (prev.isPresent()) {
                activate(s.current(), prev.get());
                rt.listener().onRolledBack(deviceId, failing.taskId(), failing.version(), s.current().version(),
                        reason);
            } else {
                deactivate(failing.taskId());
                rt.listener().onRemoved(deviceId, failing.taskId(), "no last good version; " + reason);
            }
            report(failing, ReportStatus.TASK_ERROR, null, "rolled back on the device: " + reason);
        } catch (IOException e) {
            rt.listener().onProblem(deviceId, "local rollback failed: " + e);
        }
    }

    private void activate(InstalledVersion v, TaskBundle b) {
        synchronized (engineLock) {
            removeTriggers(v.taskId());
            for (Trigger t : b.triggers()) {
                engine.addTrigger(t);
            }
            Map<String, Active> next = new HashMap<>(active);
            next.put(v.taskId(), new Active(v, b, new AtomicInteger(), new AtomicBoolean()));
            active = Map.copyOf(next);
        }
    }

    private void deactivate(String taskId) {
        synchronized (engineLock) {
            removeTriggers(taskId);
            Map<String, Active> next = new HashMap<>(active);
            next.remove(taskId);
            active = Map.copyOf(next);
        }
    }

    private void removeTriggers(String taskId) {
        for (Trigger t : List.copyOf(engine.triggers())) {
            if (TaskBundle.taskOf(t.id()).equals(taskId)) {
                engine.removeTrigger(t.id());
            }
        }
    }

    /** Keeps the zips of every active version and every task's last good version. */
    private void pruneDownloads() throws IOException {
        java.util.Set<String> keep = new java.util.HashSet<>();
        for (Active a : active.values()) {
            keep.add(a.version().sha256());
            TaskInstaller.State s = installer.state(a.version().taskId());
            if (s.previous() != null) {
                keep.add(s.previous().sha256());
            }
        }
        DownloadCache.prune(dir.resolve("downloads"), keep);
    }

    /** Reports in the background: a slow server must not stall the event stream. */
    private void report(InstalledVersion v, ReportStatus status, Long latencyMs, String message) {
        if (client == null || v.releaseId() <= 0) {
            return;
        }
        rt.submit(() -> {
            try {
                reportNow(v, status, latencyMs, message);
            } catch (DeployClientException e) {
                rt.listener().onProblem(deviceId, "report " + status + " failed: " + e.getMessage());
            }
        });
    }

    private void reportNow(InstalledVersion v, ReportStatus status, Long latencyMs, String message) {
        DeviceClient c = client;
        if (c != null && v.releaseId() > 0) {
            String m = message == null || message.length() <= 2000 ? message : message.substring(0, 1997) + "...";
            c.report(v.releaseId(), status, latencyMs, m);
        }
    }

    private DeviceClient requireClient() {
        DeviceClient c = client;
        if (c == null) {
            throw new IllegalStateException("device " + deviceId + " is not registered");
        }
        return c;
    }

    /** Closes the push connection; installed tasks stay on disk. */
    @Override
    public void close() {
        closed = true;
        queue.close();
        DeviceClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
