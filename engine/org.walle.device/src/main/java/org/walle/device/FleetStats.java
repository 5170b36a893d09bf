package org.walle.device;

import java.util.concurrent.atomic.LongAdder;

import org.walle.device.internal.LatencyHistogram;
import org.walle.stream.event.Event;
import org.walle.stream.trigger.TriggerMatch;

/**
 * Live fleet counters, fed as a {@link DeviceListener} by every device (lock-free adders and histograms: constant
 * memory whatever the fleet size). Forwards everything to a downstream listener (a test's, or the studio's).
 */
public final class FleetStats implements DeviceListener {
    private final DeviceListener next;
    final LongAdder registered = new LongAdder();
    final LongAdder events = new LongAdder();
    final LongAdder fired = new LongAdder();
    final LongAdder runs = new LongAdder();
    final LongAdder runErrors = new LongAdder();
    final LongAdder outputs = new LongAdder();
    final LongAdder installs = new LongAdder();
    final LongAdder installFailures = new LongAdder();
    final LongAdder rollbacks = new LongAdder();
    final LongAdder removals = new LongAdder();
    final LongAdder problems = new LongAdder();
    final LatencyHistogram runLatency = new LatencyHistogram();
    final LatencyHistogram installLatency = new LatencyHistogram();
    private volatile String lastProblem;

    public FleetStats(DeviceListener next) {
        this.next = next == null ? DeviceListener.NONE : next;
    }

    @Override
    public void onRegistered(String d) {
        registered.increment();
        next.onRegistered(d);
    }

    @Override
    public void onNotice(String d, org.walle.deploy.client.Notice n) {
        next.onNotice(d, n);
    }

    @Override
    public void onInstalled(String d, String t, String v, long millis) {
        installs.increment();
        installLatency.record(millis * 1_000_000);
        next.onInstalled(d, t, v, millis);
    }

    @Override
    public void onInstallFailed(String d, String t, String v, String error) {
        installFailures.increment();
        lastProblem = d + ": install " + t + "@" + v + ": " + error;
        next.onInstallFailed(d, t, v, error);
    }

    @Override
    public void onRolledBack(String d, String t, String from, String to, String reason) {
        rollbacks.increment();
        next.onRolledBack(d, t, from, to, reason);
    }

    @Override
    public void onRemoved(String d, String t, String reason) {
        removals.increment();
        next.onRemoved(d, t, reason);
    }

    @Override
    public void onEvent(String d, Event e) {
        events.increment();
        next.onEvent(d, e);
    }

    @Override
    public void onTriggerFired(String d, TriggerMatch m) {
        fired.increment();
        next.onTriggerFired(d, m);
    }

    @Override
    public void onTaskRun(String d, String t, String v, TaskRunResult r, long deviceNanos) {
        runs.increment();
        outputs.add(r.outputs().size());
        if (!r.ok()) {
            runErrors.increment();
            lastProblem = d + ": " + t + "@" + v + ": " + r.error();
        }
        runLatency.record(deviceNanos);
        next.onTaskRun(d, t, v, r, deviceNanos);
    }

    @Override
    public void onProblem(String d, String what) {
        problems.increment();
        lastProblem = d + ": " + what;
        next.onProblem(d, what);
    }

    public long events() {
        return events.sum();
    }

    public long fired() {
        return fired.sum();
    }

    public long runs() {
        return runs.sum();
    }

    public long runErrors() {
        return runErrors.sum();
    }

    public long installs() {
        return installs.sum();
    }

    public long installFailures() {
        return installFailures.sum();
    }

    public long rollbacks() {
        return rollbacks.sum();
    }

    public long problems() {
        return problems.sum();
    }

    /** The most recent failure or problem, for the live line (null when none). */
    public String lastProblem() {
        return lastProblem;
    }
}
