package org.walle.deploy.rollout;

/** What happens automatically when a stage's error threshold is breached. */
public enum ErrorAction {
    PAUSE, ROLLBACK
}
