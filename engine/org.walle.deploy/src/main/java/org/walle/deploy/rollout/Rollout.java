package org.walle.deploy.rollout;

import java.util.List;

/** A rollout of one release to the devices a policy matches, stage by stage. */
public record Rollout(long id, long releaseId, long policyId, RolloutStatus status, int stageIndex,
        List<Stage> stages, String statusReason, long createdAt, long updatedAt) {

    public Stage currentStage() {
        return stages.get(stageIndex);
    }
}
