package org.walle.pyvm.ui;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the Python task UI; tests refer to these fields, not to English text. */
public final class Messages extends NLS {
    public static String OpenFile_title;
    public static String OpenTask_title;
    public static String OpenTask_noTask;
    public static String Open_failed;
    public static String Check_job;
    public static String Run_profile;
    public static String Run_task;
    public static String Run_browse;
    public static String Run_generated;
    public static String Run_seed;
    public static String Run_sessions;
    public static String Run_recorded;
    public static String Run_run;
    public static String Run_step;
    public static String Run_stop;
    public static String Run_clear;
    public static String Run_job;
    public static String Run_failed;
    public static String Run_noTask;
    public static String Run_noRecording;
    public static String Run_finished;
    public static String Run_stopped;
    public static String Run_usesEditorTask;

    static {
        NLS.initializeMessages("org.walle.pyvm.ui.messages", Messages.class);
    }

    private Messages() {
    }
}
