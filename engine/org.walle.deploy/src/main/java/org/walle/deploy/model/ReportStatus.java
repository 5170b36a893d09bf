package org.walle.deploy.model;

/** What a device reports about a release. INSTALL_FAILED and TASK_ERROR count as errors for rollout thresholds. */
public enum ReportStatus {
    DOWNLOADED, INSTALLED, INSTALL_FAILED, TASK_OK, TASK_ERROR;

    public boolean isError() {
        return this == INSTALL_FAILED || this == TASK_ERROR;
    }

    public boolean isSuccess() {
        return this == INSTALLED || this == TASK_OK;
    }
}
