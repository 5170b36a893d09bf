package org.walle.deploy.internal.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.deploy.internal.service.ApiException;
import org.walle.deploy.internal.service.AuthService;
import org.walle.deploy.internal.service.RolloutService;
import org.walle.deploy.internal.store.Stores;
import org.walle.deploy.rollout.Rollout;
import org.walle.deploy.rollout.RolloutVerb;
import org.walle.deploy.rollout.Stage;
import org.walle.deploy.rollout.Thresholds;

/** {@code /api/v1/rollouts}: create, inspect, lifecycle verbs, and the global kill switch. */
final class MgmtRolloutResource {
    /** Either explicit {@code stages}, or the standard ladder built from {@code betaGroup} + {@code thresholds}. */
    record CreateRollout(Long releaseId, Long policyId, List<Stage> stages, String betaGroup, Thresholds thresholds) {
    }

    record VerbRequest(String reason) {
    }

    record KillSwitch(Boolean on) {
    }

    private final Stores stores;
    private final RolloutService rollouts;

    MgmtRolloutResource(Stores stores, RolloutService rollouts) {
        this.stores = stores;
        this.rollouts = rollouts;
    }

    void register(ApiHandler api) {
        api.add(new Route("GET", "/api/v1/rollouts", AuthService.OPERATORS, "List rollouts (paged)", null, "RolloutPage",
                x -> x.json(200, stores.db().inTransaction(c -> stores.rollouts().list(c, Paging.offset(x), Paging.limit(x))))));
        api.add(new Route("POST", "/api/v1/rollouts", AuthService.WRITERS, "Create a rollout (status CREATED)",
                "CreateRollout", "Rollout", x -> {
                    CreateRollout b = x.body(CreateRollout.class);
                    if (b.releaseId() == null || b.policyId() == null) {
                        throw ApiException.badRequest("releaseId and policyId are required");
                    }
                    List<Stage> stages = b.stages();
                    if (stages == null) {
                        if (b.betaGroup() == null || b.betaGroup().isBlank()) {
                            throw ApiException.badRequest("give either stages or betaGroup (for the standard ladder)");
                        }
                        stages = Stage.standard(b.betaGroup(), b.thresholds() == null ? Thresholds.DEFAULT : b.thresholds());
                    } else if (b.betaGroup() != null || b.thresholds() != null) {
                        throw ApiException.badRequest("betaGroup/thresholds only apply without explicit stages");
                    }
                    x.json(201, rollouts.create(b.releaseId(), b.policyId(), stages, x.actor()));
                }));
        api.add(new Route("GET", "/api/v1/rollouts/{rolloutId}", AuthService.OPERATORS,
                "Get a rollout with its assignment count and current-stage statistics", null, "RolloutDetail",
                x -> x.json(200, detail(rollouts.find(x.pathLong("rolloutId"))))));
        api.add(new Route("POST", "/api/v1/rollouts/{rolloutId}/{verb}", AuthService.WRITERS,
                "Apply a lifecycle verb: start, pause, resume, advance or rollback (409 when illegal)", "VerbRequest",
                "Rollout", x -> {
                    RolloutVerb verb = RolloutVerb.parse(x.path("verb"));
                    long id = x.pathLong("rolloutId");
                    String reason = null;
                    if (x.header("Content-Length") != null && !"0".equals(x.header("Content-Length"))) {
                        reason = x.body(VerbRequest.class).reason();
                    }
                    x.json(200, rollouts.transition(id, verb, x.actor(), reason));
                }));
        api.add(new Route("GET", "/api/v1/killswitch", AuthService.OPERATORS, "Is the global kill switch on?", null,
                "KillSwitch", x -> x.json(200, Map.of("on", rollouts.killSwitch()))));
        api.add(new Route("POST", "/api/v1/killswitch", AuthService.ADMIN,
                "Turn the global kill switch on (pauses every running rollout) or off", "KillSwitch", "KillSwitchResult",
                x -> {
                    KillSwitch b = x.body(KillSwitch.class);
                    if (b.on() == null) {
                        throw ApiException.badRequest("on (true/false) is required");
                    }
                    int paused = rollouts.setKillSwitch(b.on(), x.actor());
                    x.json(200, Map.of("on", b.on(), "paused", paused));
                }));
    }

    private Map<String, Object> detail(Rollout r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rollout", r);
        stores.db().inTransaction(c -> {
            m.put("assignedDevices", stores.assignments().countForRollout(c, r.id()));
            m.put("currentStageStats", stores.reports().stageStats(c, r.id(), r.stageIndex()));
            return null;
        });
        return m;
    }
}
