package org.walle.deploy.internal.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.walle.deploy.client.Notice;
import org.walle.deploy.internal.store.Stores;
import org.walle.deploy.model.Assignment;
import org.walle.deploy.model.Device;
import org.walle.deploy.model.Release;
import org.walle.deploy.policy.Policy;
import org.walle.deploy.rollout.Rollout;

/**
 * Turns rollout stages into per-device assignments inside the caller's transaction and collects the notices to
 * push once that transaction has committed (pushing earlier could announce a release that then rolls back).
 */
final class Assigner {
    private final Stores stores;

    Assigner(Stores stores) {
        this.stores = stores;
    }

    /** Pending pushes, keyed by device. */
    static final class Outbox {
        final Map<String, Notice> notices = new HashMap<>();

        void add(String deviceId, Notice n) {
            notices.put(deviceId, n);
        }

        void send(PushChannel channel) {
            notices.forEach(channel::push);
        }
    }

    /** Assigns the rollout's release to every device reached by stages up to the current one. */
    void activate(Connection c, Rollout r, Outbox out) throws SQLException {
        Release release = release(c, r.releaseId());
        Policy policy = policy(c, r.policyId());
        Map<String, Assignment> current = new HashMap<>();
        for (Assignment a : stores.assignments().forTask(c, release.taskId())) {
            current.put(a.deviceId(), a);
        }
        long now = System.currentTimeMillis();
        for (Device d : stores.devices().all(c)) {
            int stage = Cohorts.firstStage(r, policy, d, r.stageIndex());
            Assignment existing = current.get(d.id());
            if (stage >= 0 && (existing == null || existing.rolloutId() != r.id())) {
                assign(c, d.id(), release, r.id(), stage, existing, now, out);
            }
        }
    }

    /** A device that (re-)registers while rollouts run gets what its attributes entitle it to. */
    void activateForDevice(Connection c, Device d, List<Rollout> running, Outbox out) throws SQLException {
        long now = System.currentTimeMillis();
        for (Rollout r : running) {
            Release release = release(c, r.releaseId());
            int stage = Cohorts.firstStage(r, policy(c, r.policyId()), d, r.stageIndex());
            Assignment existing = stores.assignments().find(c, d.id(), release.taskId()).orElse(null);
            if (stage >= 0 && (existing == null || existing.rolloutId() != r.id())) {
                assign(c, d.id(), release, r.id(), stage, existing, now, out);
            }
        }
    }

    private void assign(Connection c, String deviceId, Release release, long rolloutId, int stage, Assignment existing,
            long now, Outbox out) throws SQLException {
        Long previous = existing == null ? null
                : existing.releaseId() == release.id() ? existing.previousReleaseId() : Long.valueOf(existing.releaseId());
        stores.assignments().put(c, new Assignment(deviceId, release.taskId(), release.id(), rolloutId, stage, previous, now));
        out.add(deviceId, Notices.of(release));
    }

    /** Returns every device of the rollout to the release it ran before; devices with none lose the task. */
    void rollback(Connection c, Rollout r, Outbox out) throws SQLException {
        Map<Long, Release> cache = new HashMap<>();
        long now = System.currentTimeMillis();
        for (Assignment a : stores.assignments().forRollout(c, r.id())) {
            if (a.releaseId() != r.releaseId()) {
                continue;
            }
            if (a.previousReleaseId() == null) {
                stores.assignments().delete(c, a.deviceId(), a.taskId());
                out.add(a.deviceId(), Notices.withdrawal(a.taskId()));
            } else {
                Release prev = cache.computeIfAbsent(a.previousReleaseId(), id -> release(c, id));
                stores.assignments().put(c, new Assignment(a.deviceId(), a.taskId(), prev.id(), r.id(), a.stage(), null, now));
                out.add(a.deviceId(), Notices.of(prev));
            }
        }
    }

    private Release release(Connection c, long id) {
        try {
            return stores.releases().find(c, id).orElseThrow(() -> ApiException.notFound("release " + id));
        } catch (SQLException e) {
            throw new org.walle.deploy.internal.store.StoreException(e);
        }
    }

    private Policy policy(Connection c, long id) throws SQLException {
        return PolicyService.parse(stores.policies().find(c, id)
                .orElseThrow(() -> ApiException.notFound("policy " + id)).rule());
    }
}
