package org.walle.pyvm.ui.launch;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the "Walle Task" launch configurations; tests refer to these fields. */
public final class Messages extends NLS {
    public static String Launch_noTaskFolder;
    public static String Launch_taskFolderMissing;
    public static String Launch_notAFolder;
    public static String Launch_noTaskJson;
    public static String Launch_noProfile;
    public static String Launch_unknownProfile;
    public static String Launch_badProfile;
    public static String Launch_noEventsFile;
    public static String Launch_unreadableEvents;
    public static String Launch_invalid;
    public static String Launch_processLabel;
    public static String Launch_job;
    public static String Launch_finished;
    public static String Launch_stoppedByMode;
    public static String Launch_terminated;
    public static String Launch_failed;
    public static String Launch_stillRunning;
    public static String Tab_task;
    public static String Tab_taskFolder;
    public static String Tab_browseWorkspace;
    public static String Tab_browseDisk;
    public static String Tab_chooseTask;
    public static String Tab_chooseTaskMessage;
    public static String Tab_runMode;
    public static String Tab_modeAll;
    public static String Tab_modeStopOnError;
    public static String Tab_modeFirstRun;
    public static String Tab_device;
    public static String Tab_profile;
    public static String Tab_events;
    public static String Tab_generated;
    public static String Tab_seed;
    public static String Tab_sessions;
    public static String Tab_mix;
    public static String Tab_emptyMix;
    public static String Tab_recorded;
    public static String Shortcut_title;
    public static String Shortcut_noTask;

    static {
        NLS.initializeMessages("org.walle.pyvm.ui.launch.messages", Messages.class);
    }

    private Messages() {
    }
}
