package org.walle.deploy.rollout;

/** Kinds of rollout stage, in the order a typical rollout widens. */
public enum StageKind {
    /** only devices registered as emulated profiles */
    SIMULATION,
    /** only devices whose user group equals the stage's group */
    BETA,
    /** a stable-hash percentage of the devices the policy matches */
    GRAY,
    /** every device the policy matches */
    FULL
}
