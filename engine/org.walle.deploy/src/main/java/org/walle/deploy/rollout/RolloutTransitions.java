package org.walle.deploy.rollout;

/**
 * The rollout state machine as a pure function: given the status, the stage and a verb, the next status and stage,
 * or {@link IllegalTransitionException}. Storage, assignment and audit happen in the service around it.
 */
public final class RolloutTransitions {
    private RolloutTransitions() {
    }

    /** Result of a legal transition. */
    public record Next(RolloutStatus status, int stageIndex) {
    }

    public static Next apply(RolloutStatus status, int stageIndex, int stageCount, RolloutVerb verb) {
        switch (verb) {
            case START:
                require(status == RolloutStatus.CREATED, status, verb);
                return new Next(RolloutStatus.RUNNING, 0);
            case PAUSE:
                require(status == RolloutStatus.RUNNING, status, verb);
                return new Next(RolloutStatus.PAUSED, stageIndex);
            case RESUME:
                require(status == RolloutStatus.PAUSED, status, verb);
                return new Next(RolloutStatus.RUNNING, stageIndex);
            case ADVANCE:
                // advancing a paused rollout is allowed: an operator may judge a paused stage good enough
                require(status == RolloutStatus.RUNNING || status == RolloutStatus.PAUSED, status, verb);
                if (stageIndex + 1 >= stageCount) {
                    return new Next(RolloutStatus.COMPLETED, stageIndex);
                }
                return new Next(RolloutStatus.RUNNING, stageIndex + 1);
            case ROLLBACK:
                require(status == RolloutStatus.RUNNING || status == RolloutStatus.PAUSED
                        || status == RolloutStatus.COMPLETED, status, verb);
                return new Next(RolloutStatus.ROLLED_BACK, stageIndex);
            default:
                throw new IllegalStateException("unhandled verb " + verb);
        }
    }

    public static boolean isLegal(RolloutStatus status, RolloutVerb verb) {
        try {
            apply(status, 0, 2, verb);
            return true;
        } catch (IllegalTransitionException e) {
            return false;
        }
    }

    private static void require(boolean ok, RolloutStatus status, RolloutVerb verb) {
        if (!ok) {
            throw new IllegalTransitionException("cannot " + verb.wireName() + " a rollout in status " + status);
        }
    }
}
