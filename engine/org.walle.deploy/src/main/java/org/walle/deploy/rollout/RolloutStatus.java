package org.walle.deploy.rollout;

/** Lifecycle of a rollout. COMPLETED can still be rolled back; ROLLED_BACK is final. */
public enum RolloutStatus {
    CREATED, RUNNING, PAUSED, COMPLETED, ROLLED_BACK
}
