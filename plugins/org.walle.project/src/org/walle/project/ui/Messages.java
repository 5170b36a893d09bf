package org.walle.project.ui;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the New Walle Project wizard and the sample-project start-up. */
public final class Messages extends NLS {
    public static String wizardTitle;
    public static String pageTitle;
    public static String pageDescription;
    public static String nameLabel;
    public static String defaultLocation;
    public static String locationLabel;
    public static String browse;
    public static String browseTitle;
    public static String taskIdLabel;
    public static String taskIdHint;
    public static String defaultTaskId;
    public static String finishFailed;
    public static String sampleJob;
    public static String sampleFailed;

    static {
        NLS.initializeMessages(Messages.class.getPackageName() + ".messages", Messages.class);
    }

    private Messages() {
    }
}
