package org.walle.deploy.ui;

import org.eclipse.osgi.util.NLS;

/** Strings of the New Release wizard and the Release Dashboard; tests refer to these fields, not to English text. */
public final class ReleaseMessages extends NLS {
    public static String ServersView_newRelease;
    public static String ServersView_dashboard;
    public static String Release_title;
    public static String Release_server;
    public static String Release_task;
    public static String Release_version;
    public static String Release_taskDescription;
    public static String Release_loading;
    public static String Release_noTasks;
    public static String Release_needTask;
    public static String Release_needVersion;
    public static String Release_needServer;
    public static String Release_loadFailed;
    public static String Release_policyTitle;
    public static String Release_policyDescription;
    public static String Release_matchAll;
    public static String Release_matchAny;
    public static String Release_appVersion;
    public static String Release_os;
    public static String Release_osVersion;
    public static String Release_model;
    public static String Release_tier;
    public static String Release_region;
    public static String Release_userGroup;
    public static String Release_percent;
    public static String Release_previewPending;
    public static String Release_preview;
    public static String Release_previewFailed;
    public static String Release_stagesTitle;
    public static String Release_stagesDescription;
    public static String Release_ladder;
    public static String Release_minReports;
    public static String Release_maxError;
    public static String Release_success;
    public static String Release_rollbackOnError;
    public static String Release_autoAdvance;
    public static String Release_reviewTitle;
    public static String Release_reviewDescription;
    public static String Release_review;
    public static String Release_failed;
    public static String Dashboard_server;
    public static String Dashboard_rollout;
    public static String Dashboard_reload;
    public static String Dashboard_noRollout;
    public static String Dashboard_status;
    public static String Dashboard_pause;
    public static String Dashboard_resume;
    public static String Dashboard_advance;
    public static String Dashboard_rollback;
    public static String Dashboard_killSwitch;
    public static String Dashboard_killSwitchOff;
    public static String Dashboard_confirmTitle;
    public static String Dashboard_confirm;
    public static String Dashboard_confirmKill;
    public static String Dashboard_verbFailed;
    public static String Dashboard_fleetDevices;
    public static String Dashboard_startFleet;
    public static String Dashboard_stopFleet;
    public static String Dashboard_fleetStarting;
    public static String Dashboard_fleetState;
    public static String Dashboard_fleetFailed;
    public static String Dashboard_coverageChart;
    public static String Dashboard_reportsChart;
    public static String Dashboard_latencyChart;
    public static String Dashboard_time;
    public static String Dashboard_devices;
    public static String Dashboard_reports;
    public static String Dashboard_ms;
    public static String Dashboard_assigned;
    public static String Dashboard_successes;
    public static String Dashboard_errors;
    public static String Dashboard_p95;
    public static String Dashboard_poll;
    public static String Dashboard_killOn;
    public static String Dashboard_killBanner;
    public static String Dashboard_installed;
    public static String Dashboard_installFailed;

    static {
        NLS.initializeMessages("org.walle.deploy.ui.release_messages", ReleaseMessages.class);
    }

    private ReleaseMessages() {
    }
}
