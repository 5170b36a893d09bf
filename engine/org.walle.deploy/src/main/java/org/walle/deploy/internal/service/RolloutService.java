package org.walle.deploy.internal.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.walle.deploy.internal.store.Stores;
import org.walle.deploy.model.Device;
import org.walle.deploy.rollout.IllegalTransitionException;
import org.walle.deploy.rollout.Rollout;
import org.walle.deploy.rollout.RolloutStatus;
import org.walle.deploy.rollout.RolloutTransitions;
import org.walle.deploy.rollout.RolloutVerb;
import org.walle.deploy.rollout.Stage;

/**
 * Rollout lifecycle over {@link RolloutTransitions}. Each transition is one transaction: row lock, status change,
 * assignment changes and the audit entry commit together, so a crash mid-transition leaves the old state whole.
 * Notices go out only after the commit.
 */
public final class RolloutService {
    /** Verbs refused while the global kill switch is on: everything that would move releases forward. */
    private static final Set<RolloutVerb> BLOCKED_BY_KILL_SWITCH = EnumSet.of(RolloutVerb.START, RolloutVerb.RESUME,
            RolloutVerb.ADVANCE);

    private final Stores stores;
    private final Assigner assigner;
    private volatile PushChannel push = PushChannel.NONE;

    public RolloutService(Stores stores) {
        this.stores = stores;
        this.assigner = new Assigner(stores);
    }

    public void setPushChannel(PushChannel push) {
        this.push = push;
    }

    public Rollout create(long releaseId, long policyId, List<Stage> stages, String actor) {
        if (stages == null || stages.isEmpty()) {
            throw ApiException.badRequest("stages must list at least one stage");
        }
        long now = System.currentTimeMillis();
        long id = stores.db().inTransaction(c -> {
            stores.releases().find(c, releaseId).orElseThrow(() -> ApiException.notFound("release " + releaseId));
            stores.policies().find(c, policyId).orElseThrow(() -> ApiException.notFound("policy " + policyId));
            long rid = stores.rollouts().insert(c, releaseId, policyId, stages, now);
            stores.audit().append(c, actor, "rollout.create", "rollout:" + rid,
                    "release=" + releaseId + " policy=" + policyId + " stages=" + stages.size(), now);
            return rid;
        });
        return find(id);
    }

    public Rollout find(long id) {
        return stores.db().inTransaction(c -> stores.rollouts().find(c, id))
                .orElseThrow(() -> ApiException.notFound("rollout " + id));
    }

    /** Applies a verb; IllegalTransitionException (409) when the status does not allow it. */
    public Rollout transition(long id, RolloutVerb verb, String actor, String reason) {
        Assigner.Outbox out = new Assigner.Outbox();
        Rollout after = stores.db().inTransaction(c -> {
            Rollout r = stores.rollouts().lock(c, id).orElseThrow(() -> ApiException.notFound("rollout " + id));
            if (BLOCKED_BY_KILL_SWITCH.contains(verb) && stores.settings().killSwitch(c)) {
                throw new IllegalTransitionException("the global kill switch is on: cannot " + verb.wireName()
                        + " rollout " + id + " until an admin turns it off");
            }
            return apply(c, r, verb, actor, reason, out);
        });
        out.send(push);
        return after;
    }

    Rollout apply(Connection c, Rollout r, RolloutVerb verb, String actor, String reason, Assigner.Outbox out)
            throws SQLException {
        RolloutTransitions.Next next = RolloutTransitions.apply(r.status(), r.stageIndex(), r.stages().size(), verb);
        long now = System.currentTimeMillis();
        String why = reason == null || reason.isBlank() ? verb.wireName() + " by " + actor : reason;
        stores.rollouts().update(c, r.id(), next.status(), next.stageIndex(), why, now);
        Rollout updated = new Rollout(r.id(), r.releaseId(), r.policyId(), next.status(), next.stageIndex(), r.stages(),
                why, r.createdAt(), now);
        if (verb == RolloutVerb.ROLLBACK) {
            assigner.rollback(c, updated, out);
        } else if (next.status() == RolloutStatus.RUNNING && verb != RolloutVerb.PAUSE) {
            assigner.activate(c, updated, out);
        }
        stores.audit().append(c, actor, "rollout." + verb.wireName(), "rollout:" + r.id(),
                r.status() + "@" + r.stageIndex() + " -> " + next.status() + "@" + next.stageIndex() + ": " + why, now);
        return updated;
    }

    /** Turns the global kill switch on (pausing every running rollout) or off (nothing resumes by itself). */
    public int setKillSwitch(boolean on, String actor) {
        return stores.db().inTransaction(c -> {
            stores.settings().put(c, org.walle.deploy.internal.store.Settings.KILL_SWITCH, Boolean.toString(on));
            long now = System.currentTimeMillis();
            stores.audit().append(c, actor, on ? "killswitch.on" : "killswitch.off", "server", "", now);
            int paused = 0;
            if (on) {
                for (Rollout r : stores.rollouts().withStatus(c, RolloutStatus.RUNNING)) {
                    Rollout locked = stores.rollouts().lock(c, r.id()).orElseThrow();
                    if (locked.status() == RolloutStatus.RUNNING) {
                        apply(c, locked, RolloutVerb.PAUSE, actor, "kill switch", new Assigner.Outbox());
                        paused++;
                    }
                }
            }
            return paused;
        });
    }

    public boolean killSwitch() {
        return stores.db().inTransaction(c -> stores.settings().killSwitch(c));
    }

    /**
     * Runs a device registration ({@code work} writes the device and returns it) and, in the same transaction,
     * assigns the running rollouts that reach the device.
     */
    public void inRegistration(org.walle.deploy.internal.store.Database.TxWork<Device> work) {
        Assigner.Outbox out = new Assigner.Outbox();
        stores.db().inTransaction(c -> {
            Device d = work.run(c);
            assigner.activateForDevice(c, d, stores.rollouts().withStatus(c, RolloutStatus.RUNNING), out);
            return null;
        });
        out.send(push);
    }

    /** Applies an automatic transition decided by the threshold monitor, if the rollout is still RUNNING there. */
    public boolean autoTransition(long id, int expectedStage, RolloutVerb verb, String reason) {
        Assigner.Outbox out = new Assigner.Outbox();
        boolean done = stores.db().inTransaction(c -> {
            Rollout r = stores.rollouts().lock(c, id).orElse(null);
            if (r == null || r.status() != RolloutStatus.RUNNING || r.stageIndex() != expectedStage) {
                return false;
            }
            if (verb == RolloutVerb.ADVANCE && stores.settings().killSwitch(c)) {
                return false;
            }
            apply(c, r, verb, "system", reason, out);
            return true;
        });
        out.send(push);
        return done;
    }
}
