package org.walle.deploy.ui;

import org.eclipse.osgi.util.NLS;

/** Every string the deploy UI shows; tests refer to these fields, not to English text. */
public final class Messages extends NLS {
    public static String ServersView_start;
    public static String ServersView_stop;
    public static String ServersView_refresh;
    public static String ServersView_add;
    public static String ServersView_remove;
    public static String ServersView_openLog;
    public static String ServersView_colServer;
    public static String ServersView_colStatus;
    public static String ServersView_colUrl;
    public static String ServersView_colDevices;
    public static String ServersView_colTasks;
    public static String ServersView_colReleases;
    public static String ServersView_colDetail;
    public static String ServersView_addTitle;
    public static String ServersView_addPrompt;
    public static String ServersView_alreadyListed;
    public static String ServersView_noLogTitle;
    public static String ServersView_noLog;
    public static String ServerJobs_start;
    public static String ServerJobs_stop;
    public static String ServerJobs_refresh;
    public static String ServerJobs_fetchCounts;
    public static String ServerErrors_title;
    public static String ServerErrors_portHint;
    public static String ServerErrors_otherHint;
    public static String ServerErrors_stopFailed;
    public static String LogDialog_title;
    public static String Preferences_description;
    public static String Preferences_port;
    public static String Preferences_dataDir;
    public static String Preferences_dataDirDefault;
    public static String Preferences_autostart;
    public static String Preferences_restartNote;
    public static String ServersView_publish;
    public static String Publish_title;
    public static String Publish_description;
    public static String Publish_folder;
    public static String Publish_browse;
    public static String Publish_version;
    public static String Publish_message;
    public static String Publish_server;
    public static String Publish_needFolder;
    public static String Publish_notAFolder;
    public static String Publish_needVersion;
    public static String Publish_needRunningServer;
    public static String Publish_needToken;
    public static String Publish_failed;

    static {
        NLS.initializeMessages("org.walle.deploy.ui.messages", Messages.class);
    }

    private Messages() {
    }
}
