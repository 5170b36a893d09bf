package org.walle.deploy.internal.service;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.walle.deploy.internal.store.StageStats;
import org.walle.deploy.internal.store.Stores;
import org.walle.deploy.rollout.ErrorAction;
import org.walle.deploy.rollout.Rollout;
import org.walle.deploy.rollout.RolloutStatus;
import org.walle.deploy.rollout.RolloutVerb;
import org.walle.deploy.rollout.Thresholds;

/**
 * Judges running stages against their thresholds. Reports only mark a rollout dirty; one thread re-reads the stage's
 * statistics every {@code periodMs}, so a burst of 10,000 reports costs a handful of evaluations instead of 10,000
 * row locks. At start every running rollout is dirty, so reports that arrived just before a crash are judged too.
 */
public final class ThresholdMonitor implements AutoCloseable {
    private final Stores stores;
    private final RolloutService rollouts;
    private final Set<Long> dirty = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    public ThresholdMonitor(Stores stores, RolloutService rollouts, long periodMs) {
        this.stores = stores;
        this.rollouts = rollouts;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "walle-thresholds");
            t.setDaemon(true);
            return t;
        });
        stores.db().inTransaction(c -> stores.rollouts().withStatus(c, RolloutStatus.RUNNING))
                .forEach(r -> dirty.add(r.id()));
        timer.scheduleWithFixedDelay(this::evaluateDirty, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    public void markDirty(long rolloutId) {
        dirty.add(rolloutId);
    }

    void evaluateDirty() {
        for (Long id : dirty) {
            dirty.remove(id);
            try {
                evaluate(id);
            } catch (RuntimeException e) {
                // keep the monitor alive; the next report marks the rollout dirty again
                System.err.println("walle-deploy: threshold check of rollout " + id + " failed: " + e);
            }
        }
    }

    /** Evaluates one rollout now; returns the automatic verb applied, if any. */
    public Optional<RolloutVerb> evaluate(long rolloutId) {
        Rollout r = rollouts.find(rolloutId);
        if (r.status() != RolloutStatus.RUNNING) {
            return Optional.empty();
        }
        Thresholds t = r.currentStage().thresholds();
        StageStats s = stores.db().inTransaction(c -> stores.reports().stageStats(c, r.id(), r.stageIndex()));
        if (s.devices() < t.minReports()) {
            return Optional.empty();
        }
        String where = "stage " + r.stageIndex() + " (" + r.currentStage().kind() + ")";
        String breach = null;
        if (s.errorRate() > t.maxErrorRate()) {
            breach = String.format("error rate %.3f > %.3f over %d devices at %s", s.errorRate(), t.maxErrorRate(),
                    s.devices(), where);
        } else if (t.maxLatencyMs() > 0 && s.p95LatencyMs() > t.maxLatencyMs()) {
            breach = "p95 latency " + s.p95LatencyMs() + " ms > " + t.maxLatencyMs() + " ms at " + where;
        }
        if (breach != null) {
            RolloutVerb verb = t.errorAction() == ErrorAction.ROLLBACK ? RolloutVerb.ROLLBACK : RolloutVerb.PAUSE;
            return rollouts.autoTransition(r.id(), r.stageIndex(), verb, "threshold breached: " + breach)
                    ? Optional.of(verb) : Optional.empty();
        }
        if (t.autoAdvance() && s.successRate() >= t.successRate()) {
            String why = String.format("success rate %.3f >= %.3f over %d devices at %s", s.successRate(),
                    t.successRate(), s.devices(), where);
            return rollouts.autoTransition(r.id(), r.stageIndex(), RolloutVerb.ADVANCE, why)
                    ? Optional.of(RolloutVerb.ADVANCE) : Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
